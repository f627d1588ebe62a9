/// The staff console: the one-shot commands typed without the word `lobby`.
struct Desk: LobbyCommand {
    static let configuration = CommandConfiguration(
        name: "desk", abstract: "The interactive staff console (receptionist / supervisor).",
        usage: "lobby desk",
        discussion: "Type any command without the word lobby (call, finish A007, status …), or a scanned ticket code; help lists them, quit ends.")

    init(_ arguments: inout Arguments) throws(LobbyError) {}

    func run(_ context: Context) throws {
        let interactive = System.isTerminal(0)
        Output.line("Lobby desk — \(context.actor). Type help for commands, quit to end.")
        while true {
            if interactive {
                Output.write("desk> ")
            }
            Output.flush()
            guard let line = readLine(strippingNewline: true) else { return }
            let words = Words.split(line)
            guard let first = words.first else { continue }
            if first == "quit" || first == "exit" { return }
            context.refreshClock()
            if first.hasPrefix(TicketCodes.scheme + "|") || (words.count == 1 && first.first?.isLetter == true
                && first.dropFirst().allSatisfy(\.isNumber) && first.count > 1) {
                Output.line("\(first): call \(first) · finish \(first) · noshow \(first)")
                continue
            }
            _ = Lobby.run(words, context: context)
        }
    }
}

/// Splits a typed line into words, honouring "double" and 'single' quotes.
enum Words {
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for c in line {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
