// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Lobby",
    products: [
        .executable(name: "lobby", targets: ["lobby"]),
    ],
    targets: [
        .systemLibrary(
            name: "CLobbySQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CLobbyQR", pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"])]),
        .systemLibrary(
            name: "CLobbyCrypt", pkgConfig: "libxcrypt",
            providers: [.apt(["libcrypt-dev"])]),
        // SHA-256 for the chain of events (OpenSSL's libcrypto: never hand-written hashing).
        .systemLibrary(
            name: "CLobbyCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        // The rules: rotation, counting, routing, wait estimate, numbering. No I/O, no clock.
        .target(name: "LobbyCore"),
        // SQLite, the schema, the chained event log, staff and PINs.
        .target(name: "LobbyStore", dependencies: ["LobbyCore", "CLobbySQLite", "CLobbyCrypt", "CLobbyCrypto"]),
        // The executable: commands, kiosk, desk, board, feed, report, tickets.
        .executableTarget(name: "lobby", dependencies: ["LobbyCore", "LobbyStore", "CLobbyQR"]),
        .testTarget(name: "LobbyCoreTests", dependencies: ["LobbyCore"]),
        .testTarget(name: "LobbyStoreTests", dependencies: ["LobbyStore"]),
        .testTarget(name: "LobbyEndToEndTests", dependencies: ["lobby", "LobbyStore"]),
    ]
)
