package import Foundation

/// The folder that holds the package's `Package.swift`, as the tests find it from their own source.
package enum PackageRoot {
    package static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
