package io.tenure.engine.access;

/**
 * Port: a one-way, salted, slow password hash (bcrypt or Argon2id in the web module). The engine
 * never sees a stored password, only its hash.
 */
public interface PasswordHasher {

  /** The hash to store for a password (a new salt each time). */
  String hash(String password);

  /** Whether the password is the one the stored hash was made from (in constant time). */
  boolean matches(String password, String hash);
}
