/**
 * The {@code connid} connector: runs any ConnId connector bundle (a jar with the classifier {@code
 * bundle}) behind Tenure's connector SPI. The bundle's operations decide which capabilities the
 * connector has; ConnId's exceptions are classified into Tenure's error kinds.
 */
@NullMarked
package io.tenure.connector.connid;

import org.jspecify.annotations.NullMarked;
