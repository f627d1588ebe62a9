#if canImport(Glibc)
import Glibc
#endif

/// Long-running commands (the board, a followed feed) stop on SIGTERM, as `systemctl stop`
/// sends it, whatever signal mask they were started with: a process inherits its parent's
/// blocked signals, and a blocked SIGTERM would leave it running until SIGKILL.
package enum Termination {
    /// Unblocks SIGTERM for this thread (and the threads it starts later) and gives it its
    /// default action: the process ends. Files are replaced whole, so nothing is left half-written.
    package static func stopOnSIGTERM() {
        var term = sigset_t()
        sigemptyset(&term)
        sigaddset(&term, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &term, nil)
        signal(SIGTERM, SIG_DFL)
    }
}
