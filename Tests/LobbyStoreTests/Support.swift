import Foundation
@testable import LobbyStore

/// A fresh directory per test, removed afterwards, so tests can run in parallel.
final class TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lobby-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// Errors collected from several threads.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [any Error] = []

    func add(_ error: any Error) { lock.withLock { stored.append(error) } }
    var errors: [any Error] { lock.withLock { stored } }
}

/// Runs `body` on `count` real threads released together, and waits for all of them:
/// the point is that they really overlap, which a serial executor would not guarantee.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) -> [any Error] {
    let box = ErrorBox()
    let start = DispatchSemaphore(value: 0)
    let group = DispatchGroup()
    for i in 0..<count {
        group.enter()
        let thread = Thread {
            start.wait()
            do { try body(i) } catch { box.add(error) }
            group.leave()
        }
        thread.start()
    }
    for _ in 0..<count { start.signal() }
    group.wait()
    return box.errors
}

/// A new store in a fresh directory, with a key beside it, so personal values are sealed.
func sealedStore() throws -> Store {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lobby-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("lobby.sqlite").path
    let store = try Store(path: path, create: true) { "{}" }
    try store.attachVault(keyPath: path + ".key")
    return store
}
