/** The engine's services wired for the application, and the import-plan-apply workflow. */
@NullMarked
package io.tenure.server.provisioning;

import org.jspecify.annotations.NullMarked;
