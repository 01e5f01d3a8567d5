// swift-tools-version: 6.1
import PackageDescription

/// Tapedeck, two folders up. A path dependency's package name is its folder's
/// name, so the product below names it by that (a clone named `tapedeck` is
/// `package: "tapedeck"`).
let tapedeck = String(#filePath.split(separator: "/").dropLast(3).last ?? "tapedeck")

let package = Package(
    name: "DDMClient",
    platforms: [.macOS(.v15)],
    products: [.library(name: "DDMClient", targets: ["DDMClient"])],
    dependencies: [.package(path: "../..")],
    targets: [
        .target(name: "DDMClient"),
        .testTarget(
            name: "DDMClientTests",
            dependencies: ["DDMClient", .product(name: "TapedeckTesting", package: tapedeck)]),
    ]
)
