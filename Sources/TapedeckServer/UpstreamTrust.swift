public import Foundation

/// Which upstream certificates the proxy accepts.
public enum UpstreamTrust: Sendable, Equatable {
    /// Those the system trust store vouches for.
    case system
    /// Those signed by the certificates in this PEM file (`--upstream-cacert`), instead of the system's.
    case certificates(URL)
    /// Any, unverified (`--insecure-upstream`): for a test upstream only.
    case insecure
}
