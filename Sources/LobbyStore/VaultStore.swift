/// The key of a site's personal data, attached once its database is open (the key file's path
/// is a site setting, read from the database), and the one-time sealing of a database that
/// holds personal data in clear (made before encryption at rest).
extension Store {
    /// The `site` row that says this database's personal data is sealed: the keyed hash of a
    /// fixed text, so the wrong key is told apart from the right one.
    static let vaultKey = "vault"
    private static let checkText = "lobby key check"

    /// Attaches the key at `keyPath`. A database not yet sealed (a new one, or one from before
    /// encryption at rest) gets a new key if there is none, and its clear rows sealed in one
    /// transaction. A sealed one reads and checks its key at the first use of personal data
    /// (most commands touch none, and a start that reads no key file and sets up no libcrypto
    /// is faster); when that fails the store still works (the rotation needs no personal data)
    /// and every use of personal data throws the reason.
    public func attachVault(keyPath: String) throws {
        self.keyPath = keyPath
        if let check = try siteValue(Self.vaultKey) {
            vaultState = .sealed(check: check)
            return
        }
        let vault: Vault
        do throws(VaultError) {
            vault = try Vault.load(path: keyPath, create: true)
        } catch {
            // A process that cannot make the key (a board running as another user) leaves the
            // sealing to the next one that can; it has no personal data to write.
            vaultState = .unavailable(error)
            return
        }
        var sealed = false
        try database.write {
            guard try siteValue(Self.vaultKey) == nil else { return }
            sealed = try sealClearRows(vault)
            try setSiteValue(Self.vaultKey, vault.mac(Self.checkText))
        }
        if let check = try siteValue(Self.vaultKey), vault.mac(Self.checkText) != check {
            vaultState = .unavailable(.wrongKey(path: keyPath))
            return
        }
        vaultState = .ready(vault)
        // The clear rows' old pages are in the main file until a checkpoint writes the sealed ones
        // over them (secure_delete zeroes what is freed).
        if sealed { try database.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// The site's key, or why there is none.
    public var vault: Vault {
        get throws(VaultError) {
            switch vaultState {
            case let .ready(vault): return vault
            case let .sealed(check):
                let keyPath = keyPath ?? "(none)"
                do throws(VaultError) {
                    let vault = try Vault.load(path: keyPath, create: false)
                    guard vault.mac(Self.checkText) == check else { throw VaultError.wrongKey(path: keyPath) }
                    vaultState = .ready(vault)
                    return vault
                } catch {
                    vaultState = .unavailable(error)
                    throw error
                }
            case let .unavailable(error): throw error
            case .none: throw VaultError.keyUnavailable(path: keyPath ?? "(none)", why: "was not given")
            }
        }
    }

    /// Seals every personal value written in clear; true if there was any.
    private func sealClearRows(_ vault: Vault) throws -> Bool {
        var any = false
        for found in try database.rows("SELECT id, phone, name FROM customers WHERE phone_mac IS NULL") {
            let row = found.of("customers", key: "id")
            let phone = try row.text("phone")
            try database.run("UPDATE customers SET phone_mac = ?, phone = ?, name = ? WHERE id = ?", [
                .text(vault.mac(phone)), .text(try vault.seal(phone)),
                SQLValue(try vault.seal(try row.optionalText("name"))), .integer(try row.int64("id")),
            ])
            any = true
        }
        for found in try database.rows("""
            SELECT rowid, name, project, budget, source FROM tickets
            WHERE coalesce(name, project, budget, source) IS NOT NULL
            """) {
            let row = found.of("tickets", key: "rowid")
            try database.run("UPDATE tickets SET name = ?, project = ?, budget = ?, source = ? WHERE rowid = ?", [
                SQLValue(try vault.seal(try row.optionalText("name"))), SQLValue(try vault.seal(try row.optionalText("project"))),
                SQLValue(try vault.seal(try row.optionalText("budget"))), SQLValue(try vault.seal(try row.optionalText("source"))),
                .integer(try row.int64("rowid")),
            ])
            any = true
        }
        for (table, column) in [("customer_changes", "value"), ("followups", "note")] {
            for found in try database.rows("SELECT id, \(column) FROM \(table)") {
                let row = found.of(table, key: "id")
                try database.run("UPDATE \(table) SET \(column) = ? WHERE id = ?",
                                 [.text(try vault.seal(try row.text(column))), .integer(try row.int64("id"))])
                any = true
            }
        }
        for found in try database.rows("SELECT rowid, comment FROM feedback WHERE comment IS NOT NULL") {
            let row = found.of("feedback", key: "rowid")
            try database.run("UPDATE feedback SET comment = ? WHERE rowid = ?",
                             [.text(try vault.seal(try row.text("comment"))), .integer(try row.int64("rowid"))])
            any = true
        }
        for found in try database.rows("SELECT id, text, resolution FROM complaints WHERE text <> ''") {
            let row = found.of("complaints", key: "id")
            try database.run("UPDATE complaints SET text = ?, resolution = ? WHERE id = ?", [
                .text(try vault.seal(try row.text("text"))), SQLValue(try vault.seal(try row.optionalText("resolution"))),
                .integer(try row.int64("id")),
            ])
            any = true
        }
        return any
    }

    /// A free-text value opened whether it was sealed or (written by an older version, or by a
    /// table not yet sealed) kept in clear; an erased one ('' or NULL) is nil.
    func openedAny(_ stored: String?, table: String, column: String) throws -> String? {
        guard let stored, !stored.isEmpty else { return nil }
        guard stored.hasPrefix(Vault.prefix) else { return stored }
        let text: String = try vault.unseal(stored, table: table, column: column)
        return text
    }
}

/// Whether the store has its key.
enum VaultState {
    /// The database is sealed under the key whose keyed hash of the check text is `check`; the
    /// key file is not read yet.
    case sealed(check: String)
    case ready(Vault)
    case unavailable(VaultError)
}
