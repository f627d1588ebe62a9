import LobbyServices
import LobbyText
import LobbyPlatform
import LobbyPrinting

extension StaffWords {
    /// `--lang zh|en` of the staff's screens; not given, the site's language.
    static let languageOption = Option<Texts.Language>.choice(
        "--lang", help: "the language (default: the site's language, else zh)")
}
