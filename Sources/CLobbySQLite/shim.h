#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast of -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type lobby_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

// Process-wide SQLite settings, made once before the first connection (sqlite3_config is
// variadic, which Swift cannot call). No memory statistics: Lobby reads none, and keeping them
// takes a global mutex around every allocation SQLite makes.
static inline int lobby_sqlite_configure(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
