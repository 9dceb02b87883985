/**
 * Known-account store port: the actual state of accounts on targets as Tenure last saw or made it.
 */
@NullMarked
package io.tenure.engine.account;

import org.jspecify.annotations.NullMarked;
