// The lobby screen (interface.md "Display feed"): `board` in a terminal, `board --html DIR` for a
// browser on the lobby screen (checked in headless chromium), and the calling announcement.
import Foundation
import Testing

@Suite("Lobby board")
struct BoardTests {
    /// Today with two consented visitors called (A001 → Wang, finished; A002 → Li) and one waiting.
    static func lobbyWithCalls(_ lobby: Lobby) throws -> [String] {
        try lobby.bootstrap()
        let secrets = ["王秀英", "13811112222", "Wang Xiuying", "13933334444", "刘洋", "13655556666"]
        _ = try lobby.checkin(["--name", secrets[0], "--phone", secrets[1], "--consent", "yes"])
        _ = try lobby.checkin(["--name", secrets[2], "--phone", secrets[3], "--consent", "yes"])
        _ = try lobby.checkin(["--name", secrets[4], "--phone", secrets[5], "--consent", "yes"])
        #expect(try lobby.call().str("rep") == "Wang")
        #expect(try lobby.call().str("rep") == "Li")
        try lobby.ok(["finish", "A001"])
        return secrets
    }

    @Test("board --once: the call in large letters, then the latest calls, the queue and phone duty, Chinese first")
    func terminalFrame() throws {
        let lobby = try Lobby()
        try lobby.useSite(["boardPhoneDuty": true])
        let secrets = try Self.lobbyWithCalls(lobby)
        let frame = try lobby.ok(["board", "--once"]).stdout
        #expect(!frame.contains("\u{1B}"), "no terminal control codes when not drawing on a terminal:\n\(frame)")
        #expect(frame.contains("A002 → Li"), "\(frame)")
        #expect(frame.contains("██"), "the call is drawn in large letters:\n\(frame)")
        let big = frame.components(separatedBy: "\n").filter { $0.contains("██") }
        #expect(big.count == 5, "five rows of large letters:\n\(frame)")
        for (zh, en) in [("请到前台", "Now calling"), ("刚才叫号", "Recently called"), ("等候", "Waiting"), ("电话值班", "Phone duty")] {
            let z = try #require(frame.range(of: zh), "missing \(zh):\n\(frame)")
            let e = try #require(frame.range(of: en), "missing \(en):\n\(frame)")
            #expect(z.lowerBound < e.lowerBound, "Chinese first: \(zh) before \(en)")
        }
        #expect(frame.contains("A001 → Wang"), "the earlier call is listed:\n\(frame)")
        #expect(frame.contains("Waiting: 1"), "\(frame)")
        let duty = try #require(lobby.json(["feed"]).str("phoneDuty"))
        #expect(frame.contains("Phone duty: \(duty)"), "\(frame)")
        #expect(frame.contains("10:00"), "the time:\n\(frame)")
        for secret in secrets { #expect(!frame.contains(secret), "the board shows \(secret)") }
    }

    @Test("board --html DIR --once writes the page and the feed, whole, with nothing else left in DIR")
    func htmlFiles() throws {
        let lobby = try Lobby()
        let secrets = try Self.lobbyWithCalls(lobby)
        let dir = lobby.dir.appendingPathComponent("screen")
        try lobby.ok(["board", "--html", dir.path, "--once"])
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["feed.json", "index.html"], "\(files)")
        let feedText = try String(contentsOf: dir.appendingPathComponent("feed.json"), encoding: .utf8)
        let feed = try #require(parseJSON(feedText), "\(feedText)")
        let oneShot = try lobby.json(["feed"])
        // Compared as sorted JSON: Foundation on Linux does not find a parsed true equal to itself in NSDictionary.
        func canonical(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        #expect(try canonical(feed) == canonical(oneShot), "feed.json is the feed:\n\(feedText)\n\(oneShot)")
        let page = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"), "a whole HTML page")
        let embedded = try #require(Self.embeddedFeed(page), "the page carries the feed it was written with")
        #expect(try canonical(embedded) == canonical(feed))
        #expect(!page.contains("{{"), "every placeholder filled")
        for secret in secrets {
            #expect(!feedText.contains(secret) && !page.contains(secret), "the page shows \(secret)")
        }
        let usage = lobby.run(["board", "--html"])
        #expect(usage.status == 2, "\(usage)")
        let blocked = lobby.dir.appendingPathComponent("file")
        #expect(FileManager.default.createFile(atPath: blocked.path, contents: Data("x".utf8)))
        let refused = lobby.run(["board", "--html", blocked.path + "/screen", "--once"])
        #expect(refused.status == 1 && refused.message.hasPrefix("lobby: "), "\(refused)")
    }

    @Test("markup in the site's name is shown as text on the page and cannot end its scripts")
    func pageEscapes() throws {
        let lobby = try Lobby()
        let name = "A&B <b>Lobby</b> </script><!-- \"x\""
        let source = Harness.repoRoot.appendingPathComponent("kiosk-assets/site.json")
        var settings = try #require(parseJSON(try String(contentsOf: source, encoding: .utf8)))
        settings["name"] = name
        let url = lobby.dir.appendingPathComponent("site-markup.json")
        try JSONSerialization.data(withJSONObject: settings).write(to: url)
        lobby.site = url.path
        let dir = lobby.dir.appendingPathComponent("screen")
        try lobby.ok(["board", "--html", dir.path, "--once"])
        let page = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.contains("<title>A&amp;B &lt;b&gt;Lobby&lt;/b&gt; &lt;/script&gt;&lt;!-- &quot;x&quot;</title>"), "\(page.prefix(400))")
        #expect(!page.contains("<b>Lobby"), "markup from the settings reached the page")
        #expect(page.components(separatedBy: "</script>").count == 4, "three scripts, each closed once")
        #expect(Self.embeddedFeed(page)?.str("site") == name)
    }

    @Test("feed.json and index.html always parse while the board rewrites them, and no temporary file is left")
    func atomicWrites() throws {
        let lobby = try Lobby()
        try lobby.bootstrap()
        let dir = lobby.dir.appendingPathComponent("screen")
        let board = lobby.start(["board", "--html", dir.path])
        defer { lobby.stop(board) }
        let feedURL = dir.appendingPathComponent("feed.json"), pageURL = dir.appendingPathComponent("index.html")
        try #require(lobby.eventually(within: 20) { FileManager.default.fileExists(atPath: pageURL.path) }, "no page written")
        var reads = 0, broken: [String] = []
        func readBoth() {
            let feed = (try? Data(contentsOf: feedURL)).map { String(decoding: $0, as: UTF8.self) } ?? "<missing>"
            if parseJSON(feed) == nil { broken.append("feed.json: \(feed)") }
            let page = (try? Data(contentsOf: pageURL)).map { String(decoding: $0, as: UTF8.self) } ?? "<missing>"
            if !page.hasSuffix("</html>\n") || Self.embeddedFeed(page) == nil { broken.append("index.html: \(page.suffix(200))") }
            reads += 1
        }
        for n in 1...12 {
            let action = lobby.start(n % 3 == 0 ? ["call"] : ["checkin"])
            while action.process.isRunning { readBoth() }
            #expect(action.wait().status == 0)
            // Every third change calls one of the four reps: checkins less calls wait.
            let seen = lobby.eventually(within: 2) {
                readBoth()
                return Self.waiting(feedURL) == n - 2 * (n / 3)
            }
            #expect(seen, "feed.json did not follow change \(n) within 2 s: \(Self.waiting(feedURL) ?? -1)")
        }
        #expect(broken.isEmpty, "\(broken.count) of \(reads) reads saw a half-written file, e.g. \(broken.first ?? "")")
        #expect(reads > 100, "only \(reads) reads")
        // Once the last write is done (feed.json is written first), only the two files remain.
        func files() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() }
        #expect(lobby.eventually(within: 2) { files() == ["feed.json", "index.html"] }, "\(files())")
        lobby.stop(board)
        #expect(files() == ["feed.json", "index.html"], "\(files())")
    }

    @Test("board --html refreshes generatedAt as a heartbeat while nothing changes")
    func heartbeat() throws {
        let lobby = try Lobby()
        let dir = lobby.dir.appendingPathComponent("screen")
        let board = lobby.start(["board", "--html", dir.path], unset: ["LOBBY_NOW"])
        defer { lobby.stop(board) }
        let feedURL = dir.appendingPathComponent("feed.json")
        func generatedAt() -> String? { (try? Data(contentsOf: feedURL)).flatMap { parseJSON(String(decoding: $0, as: UTF8.self)) }?.str("generatedAt") }
        try #require(lobby.eventually(within: 20) { generatedAt() != nil }, "no feed.json written")
        let first = generatedAt()
        #expect(lobby.eventually(within: 15) { generatedAt() != first }, "generatedAt stayed \(first ?? "")")
        #expect(isoDate(generatedAt()) != nil)
    }

    @Test("the page in headless chromium shows the call and its rep, and no offline mark while the board is fresh")
    func pageInBrowser() throws {
        let chromium = try Lobby.chromium()
        let lobby = try Lobby()
        try lobby.useSite(["boardPhoneDuty": true])
        lobby.setToRealTime()
        _ = try Self.lobbyWithCalls(lobby)
        let dir = lobby.dir.appendingPathComponent("screen")
        try lobby.ok(["board", "--html", dir.path, "--once"], env: ["LOBBY_NOW": Lobby.realNow()])
        let url = dir.appendingPathComponent("index.html").absoluteString
        let dom = try lobby.browse(chromium, url, ["--dump-dom"])
        #expect(!dom.contains(#"id="phone-box" hidden"#), "shown when the site says so\n\(dom)")
        #expect(Lobby.element("ticket", dom) == "A002", "\(dom)")
        #expect(Lobby.element("rep", dom) == "Li", "\(dom)")
        #expect(Lobby.element("phone", dom) == (try lobby.json(["feed"]).str("phoneDuty")), "\(dom)")
        #expect(Lobby.element("waiting", dom) == "1", "\(dom)")
        #expect(dom.contains("A001") && dom.contains("Wang"), "the earlier call is listed")
        #expect(!Lobby.bodyClass(dom).contains("offline"), "offline although the feed is fresh: \(Lobby.bodyClass(dom))")
        let artifacts = Harness.repoRoot.appendingPathComponent("test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let shot = artifacts.appendingPathComponent("board-1920x1080.png")
        try? FileManager.default.removeItem(at: shot)
        _ = try lobby.browse(chromium, url, ["--screenshot=\(shot.path)", "--window-size=1920,1080"])
        let png = try #require(FileManager.default.contents(atPath: shot.path), "no screenshot at \(shot.path)")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "a PNG screenshot")
    }

    @Test("by default phone duty (internal) is neither in the feed nor on the board")
    func phoneDutyPrivate() throws {
        let lobby = try Lobby()
        _ = try Self.lobbyWithCalls(lobby)
        let feed = try lobby.json(["feed"])
        #expect(feed["phoneDuty"] is NSNull, "the contract's key, null: \(feed)")
        let frame = try lobby.ok(["board", "--once"]).stdout
        #expect(!frame.contains("Phone duty") && !frame.contains("电话值班"), "\(frame)")
        let dir = lobby.dir.appendingPathComponent("screen")
        try lobby.ok(["board", "--html", dir.path, "--once"])
        let page = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(Self.embeddedFeed(page)?["phoneDuty"] is NSNull)
    }

    @Test("a call is now calling for callingSeconds, then only among the recent calls")
    func callingSeconds() throws {
        let lobby = try Lobby()
        try lobby.useSite(["callingSeconds": 60])
        _ = try Self.lobbyWithCalls(lobby)  // A002 → Li, called at 10:00
        lobby.time = "10:00:59"
        #expect(try lobby.json(["feed"]).arr("calling")?.map { $0.str("ticket") } == ["A002"])
        lobby.time = "10:01:00"
        let later = try lobby.json(["feed"])
        #expect(later.arr("calling")?.isEmpty == true, "\(later)")
        #expect(later.arr("recent")?.first?.str("ticket") == "A002", "\(later)")
        let frame = try lobby.ok(["board", "--once"]).stdout
        #expect(frame.contains("A002 → Li") && !frame.contains("██"), "no large number once the call is old\n\(frame)")
        let other = try Lobby()
        try other.useSite(["callingSeconds": "soon"])
        let refused = other.run(["feed"])
        #expect(refused.status == 1 && refused.message.contains("callingSeconds"), "\(refused)")
    }

    @Test("the called number, the consultant and the waiting count are whole at 1920×1080, 1280×720, 1024×600 and 1080×1920",
          arguments: [(1920, 1080), (1280, 720), (1024, 600), (1080, 1920)])
    func boardOnAnyScreen(width: Int, height: Int) throws {
        let chromium = try Lobby.chromium()
        let lobby = try Lobby()
        try lobby.useSite(["boardPhoneDuty": true])
        lobby.setToRealTime()
        try lobby.bootstrap(reps: ["Wang", "欧阳娜娜"])
        for _ in 0..<12 { _ = try lobby.checkin() }
        _ = try lobby.call()
        #expect(try lobby.call().str("rep") == "欧阳娜娜")
        let dir = lobby.dir.appendingPathComponent("screen")
        try lobby.ok(["board", "--html", dir.path, "--once"], env: ["LOBBY_NOW": Lobby.realNow()])
        // The page as written, with a probe that writes where its text lies, and what clips it.
        let page = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        let probe = #"""
            <pre id="boxes"></pre><script>
            const boxes = {width: innerWidth, height: innerHeight};
            for (const id of ["ticket", "rep", "waiting", "wait"]) {
              const node = document.getElementById(id), range = document.createRange();
              range.selectNodeContents(node);
              let r = range.getBoundingClientRect(), box = {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
              for (let p = node; p; p = p.parentElement) {
                if (getComputedStyle(p).overflow === "visible") continue;
                const c = p.getBoundingClientRect();
                box = {left: Math.max(box.left, c.left), top: Math.max(box.top, c.top),
                       right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom)};
              }
              boxes[id] = {text: node.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                           visibleWidth: box.right - box.left, visibleHeight: box.bottom - box.top,
                           width: r.width, height: r.height};
            }
            document.getElementById("boxes").textContent = JSON.stringify(boxes);
            </script>
            """#
        let probed = dir.appendingPathComponent("probe.html")
        try page.replacingOccurrences(of: "</body>", with: probe + "</body>").write(to: probed, atomically: true, encoding: .utf8)
        // Headless chromium's window keeps some height for itself: ask for that much more, so that
        // the page's viewport is exactly the screen's.
        let measure = dir.appendingPathComponent("measure.html")
        try #"<pre id="size"></pre><script>document.getElementById("size").textContent = innerHeight</script>"#
            .write(to: measure, atomically: true, encoding: .utf8)
        let inner = try #require(Lobby.element("size", try lobby.browse(chromium, measure.absoluteString,
                                                                         ["--dump-dom", "--window-size=\(width),\(height)"])).flatMap { Int($0) })
        let size = "--window-size=\(width),\(2 * height - inner)"
        let dom = try lobby.browse(chromium, probed.absoluteString, ["--dump-dom", size])
        let json = try #require(dom.firstMatch(of: /id="boxes">([^<]*)</).map { String($0.1) }, "\(dom)")
        let boxes = try #require(parseJSON(json.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")))
        #expect(boxes["width"] as? Double == Double(width) && boxes["height"] as? Double == Double(height),
                "the viewport is the screen: \(boxes)")
        for (id, text) in [("ticket", "A002"), ("rep", "欧阳娜娜"), ("waiting", "10"), ("wait", nil)] {
            let box = try #require(boxes[id] as? [String: Any], "\(boxes)")
            if let text { #expect(box.str("text") == text, "\(id): \(box)") }
            func number(_ key: String) -> Double { box[key] as? Double ?? (box[key] as? Int).map(Double.init) ?? .nan }
            #expect(number("left") >= 0 && number("top") >= 0 && number("right") <= Double(width) && number("bottom") <= Double(height),
                    "\(id) lies inside the \(width)×\(height) viewport: \(box)")
            #expect(abs(number("visibleWidth") - number("width")) < 1 && abs(number("visibleHeight") - number("height")) < 1,
                    "\(id) is not clipped by its boxes: \(box)")
            #expect(number("height") > Double(height) / 40, "\(id) is readable across the room: \(box)")
        }
        let artifacts = Harness.repoRoot.appendingPathComponent("test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let shot = artifacts.appendingPathComponent("board-\(width)x\(height).png")
        try? FileManager.default.removeItem(at: shot)
        _ = try lobby.browse(chromium, dir.appendingPathComponent("index.html").absoluteString, ["--screenshot=\(shot.path)", size])
        #expect(FileManager.default.contents(atPath: shot.path)?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true, "a PNG screenshot")
    }

    @Test("the page shows 离线 Offline when the board has stopped refreshing feed.json")
    func offlineMark() throws {
        let chromium = try Lobby.chromium()
        let lobby = try Lobby()
        lobby.setToRealTime()
        _ = try Self.lobbyWithCalls(lobby)
        let dir = lobby.dir.appendingPathComponent("screen")
        try lobby.ok(["board", "--html", dir.path, "--once"], env: ["LOBBY_NOW": Lobby.realNow(minus: 120)])
        let dom = try lobby.browse(chromium, dir.appendingPathComponent("index.html").absoluteString, ["--dump-dom"])
        #expect(Lobby.bodyClass(dom).contains("offline"), "no offline mark for a feed two minutes old")
        #expect(Lobby.element("offline-title", dom) == "离线 Offline", "\(dom)")
        #expect(Lobby.element("ticket", dom) == "A002", "the last known call stays visible")
    }

    @Test("served over HTTP the page takes newer data from feed.json without being rewritten")
    func pageFollowsFeed() throws {
        let chromium = try Lobby.chromium()
        let python = try #require(Harness.which("python3"), "python3 is needed to serve the page: run scripts/install-deps")
        let lobby = try Lobby()
        lobby.setToRealTime()
        _ = try Self.lobbyWithCalls(lobby)
        let old = lobby.dir.appendingPathComponent("old"), new = lobby.dir.appendingPathComponent("new")
        try lobby.ok(["board", "--html", old.path, "--once"], env: ["LOBBY_NOW": Lobby.realNow()])
        let third = try lobby.call()
        #expect(third.str("ticket") == "A003")
        try lobby.ok(["board", "--html", new.path, "--once"], env: ["LOBBY_NOW": Lobby.realNow()])
        // The old page with the new feed: only fetching feed.json can show A003.
        try FileManager.default.removeItem(at: old.appendingPathComponent("feed.json"))
        try FileManager.default.copyItem(at: new.appendingPathComponent("feed.json"), to: old.appendingPathComponent("feed.json"))

        let server = Process()
        server.executableURL = URL(fileURLWithPath: python)
        server.arguments = ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", old.path]
        let out = Pipe()
        server.standardOutput = out
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        var banner = ""
        while !banner.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            banner += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(banner.firstMatch(of: /port (\d+)/).map { String($0.1) }, "http.server said: \(banner)")
        let dom = try lobby.browse(chromium, "http://127.0.0.1:\(port)/index.html", ["--dump-dom"])
        #expect(Lobby.element("ticket", dom) == "A003", "\(dom)")
        #expect(Lobby.element("rep", dom) == third.str("rep"), "\(dom)")
    }

    @Test("the announcement command runs once for each newly called ticket, with {ticket} and {rep} filled in")
    func announcement() throws {
        let lobby = try Lobby()
        let log = lobby.dir.appendingPathComponent("announced.txt")
        lobby.site = try lobby.siteFile(announce: ["sh", "-c", "printf '%s %s\\n' \"$0\" \"$1\" >> '\(log.path)'", "{ticket}", "{rep}"])
        try lobby.bootstrap()
        for _ in 1...4 { _ = try lobby.checkin() }
        _ = try lobby.call()  // before the board starts: already announced
        let board = lobby.start(["board"])
        defer { lobby.stop(board) }
        let screen = lobby.dir.appendingPathComponent("screen")
        let second = lobby.start(["board", "--silent", "--html", screen.path])
        defer { lobby.stop(second) }
        try #require(lobby.eventually(within: 20) { FileManager.default.fileExists(atPath: screen.appendingPathComponent("feed.json").path) })
        try #require(lobby.eventually(within: 20) { lobby.lines(of: board).contains { $0.contains("A001 → Wang") } }, "no board drawn")
        _ = try lobby.call()
        _ = try lobby.call()
        try lobby.ok(["finish", "A001"])
        try lobby.ok(["noshow", "A002"])
        #expect(lobby.eventually(within: 5) { (try? String(contentsOf: log, encoding: .utf8))?.contains("A003") == true })
        Thread.sleep(forTimeInterval: 1)
        let announced = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(announced == "A002 Li\nA003 Zhao\n", "once each, and not by the --silent board: \(announced)")
        let outcome = lobby.stop(board)
        #expect(!outcome.stderr.contains("announce"), "\(outcome)")
    }

    @Test("an announcement that cannot run is reported on stderr and the board goes on")
    func announcementFailure() throws {
        let lobby = try Lobby()
        lobby.site = try lobby.siteFile(announce: ["/nonexistent/speak", "{ticket}"])
        try lobby.bootstrap()
        for _ in 1...2 { _ = try lobby.checkin() }
        let board = lobby.start(["board"])
        defer { lobby.stop(board) }
        try #require(lobby.eventually(within: 20) { !lobby.lines(of: board).isEmpty }, "no board drawn")
        _ = try lobby.call()
        #expect(lobby.eventually(within: 5) { lobby.lines(of: board).contains { $0.contains("A001 → Wang") } })
        _ = try lobby.call()
        #expect(lobby.eventually(within: 5) { lobby.lines(of: board).contains { $0.contains("A002 → Li") } }, "the board stopped")
        let outcome = lobby.stop(board)
        #expect(outcome.stderr.contains("announce") && outcome.stderr.contains("/nonexistent/speak"), "\(outcome)")

        let bad = try Lobby()
        bad.site = try bad.siteFile(announce: [])
        let refused = bad.run(["feed"])
        #expect(refused.status == 1 && refused.stderr.contains("announce"), "\(refused)")
    }

    static func embeddedFeed(_ page: String) -> [String: Any]? {
        guard let match = page.firstMatch(of: /<script id="feed" type="application\/json">([^<]*)<\/script>/) else { return nil }
        return parseJSON(String(match.1))
    }

    static func waiting(_ url: URL) -> Int? {
        (try? Data(contentsOf: url)).flatMap { parseJSON(String(decoding: $0, as: UTF8.self)) }?.int("waiting")
    }
}

extension Lobby {
    static func chromium() throws -> String {
        try #require(Harness.which("chromium") ?? Harness.which("chromium-browser") ?? Harness.which("google-chrome"),
                     "headless chromium is needed to check the HTML board and is not on PATH: run scripts/install-deps (Debian package chromium)")
    }

    /// The current time at the site (+08:00), `minus` seconds ago, for LOBBY_NOW.
    static func realNow(minus seconds: TimeInterval = 0) -> String {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        format.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return format.string(from: Date().addingTimeInterval(-seconds))
    }

    /// Runs every command at the real time, so that a browser's clock agrees with the feed's.
    func setToRealTime() {
        let now = Lobby.realNow()
        date = String(now.prefix(10))
        time = String(now.dropFirst(11).prefix(8))
    }

    /// kiosk-assets/site.json with an announcement command, as a file in this site's directory.
    func siteFile(announce: [String]) throws -> String {
        let source = Harness.repoRoot.appendingPathComponent("kiosk-assets/site.json")
        var settings = try #require(parseJSON(try String(contentsOf: source, encoding: .utf8)))
        settings["announce"] = ["command": announce]
        let url = dir.appendingPathComponent("site-announce.json")
        try JSONSerialization.data(withJSONObject: settings).write(to: url)
        return url.path
    }

    /// Opens `url` in headless chromium with its own profile; its standard output (the DOM with --dump-dom).
    func browse(_ chromium: String, _ url: String, _ extra: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=" + dir.appendingPathComponent("chromium-\(UUID().uuidString)").path,
                             "--virtual-time-budget=3000"] + extra + [url]
        let outURL = dir.appendingPathComponent(".chromium-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        defer { try? out.close() }
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        if done.wait(timeout: .now() + 90) == .timedOut {
            process.terminate()
            throw HarnessError(description: "chromium did not finish within 90 s: \(process.arguments ?? [])")
        }
        try #require(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus): \(process.arguments ?? [])")
        return String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    }

    /// The text of the element with `id` in a dumped DOM (no markup inside).
    static func element(_ id: String, _ dom: String) -> String? {
        guard let match = dom.firstMatch(of: try! Regex(#"id="\#(id)"[^>]*>([^<]*)<"#)) else { return nil }
        return match.output[1].substring.map(String.init)
    }

    static func bodyClass(_ dom: String) -> String {
        dom.firstMatch(of: /<body[^>]*class="([^"]*)"/).map { String($0.1) } ?? ""
    }
}
