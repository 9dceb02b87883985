package io.tenure.engine.provisioning;

/**
 * A source file is older than the one last imported from that source (another content, modified
 * before it): importing it would undo the newer file's changes. Nothing was imported. The CLI's
 * {@code --allow-older} imports it anyway.
 */
public final class OlderSnapshotException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  public OlderSnapshotException(String message) {
    super(message);
  }
}
