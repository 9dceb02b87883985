/**
 * People as the console and the API show them: search with a cursor, and one person's whole picture
 * (attributes, lifecycle, roles and entitlements with their reasons, accounts, pending operations,
 * history).
 */
@NullMarked
package io.tenure.engine.people;

import org.jspecify.annotations.NullMarked;
