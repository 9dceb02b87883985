/** The {@code csv} connector: accounts kept in a CSV file for systems that take file drops. */
@NullMarked
package io.tenure.connector.csv;

import org.jspecify.annotations.NullMarked;
