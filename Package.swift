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
        // Text and formats: the JSON codec, HTML escaping, display width, big letters, string
        // helpers, numerals. Pure.
        .target(name: "LobbyText"),
        // The operating system: file descriptors, errno, paths, child processes, atomic
        // directories, the terminal, the clock, standard output.
        .target(name: "LobbyPlatform", dependencies: ["LobbyText"]),
        // Printing: QR codes, GB18030, ESC/POS.
        .target(name: "LobbyPrinting", dependencies: ["LobbyText", "LobbyPlatform", "CLobbyQR"]),
        // What the commands call: site settings, texts, access and PINs, check-in, ownership,
        // chain heads, record checks, tickets and their printer.
        .target(name: "LobbyServices", dependencies: [
            "LobbyCore", "LobbyStore", "LobbyText", "LobbyPlatform", "LobbyPrinting",
        ]),
        // The executable: the commands and their command line.
        .executableTarget(name: "lobby", dependencies: [
            "LobbyCore", "LobbyStore", "LobbyText", "LobbyPlatform", "LobbyPrinting", "LobbyServices",
        ]),
        .testTarget(name: "LobbyCoreTests", dependencies: ["LobbyCore"]),
        .testTarget(name: "LobbyStoreTests", dependencies: ["LobbyStore"]),
        .testTarget(name: "LobbyTextTests", dependencies: ["LobbyText"]),
        .testTarget(name: "LobbyEndToEndTests", dependencies: ["lobby", "LobbyStore"]),
    ]
)
