/// The reserved path prefix of the replay server's own endpoints; no recorded
/// request can live under it.
public enum AdminRoute {
    public static let prefix = "/__tapedeck/"
}
