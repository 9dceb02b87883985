/** The web server's security and endpoints. */
@NullMarked
package io.tenure.server.web;

import org.jspecify.annotations.NullMarked;
