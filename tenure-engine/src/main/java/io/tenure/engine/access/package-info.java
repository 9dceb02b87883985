/**
 * Who may do what: principals (local users with a password hash, people matched through OIDC, API
 * tokens), their roles ({@link io.tenure.engine.access.AccessRole}) and the rules that give each
 * role its permissions ({@link io.tenure.engine.access.AccessRules}). Framework-free: the web
 * module authenticates, these classes decide.
 */
@NullMarked
package io.tenure.engine.access;

import org.jspecify.annotations.NullMarked;
