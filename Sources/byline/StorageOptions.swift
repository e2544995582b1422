import ArgumentParser
import Foundation
import BylineNewsroom

/// `--db`: where the SQLite store lives; shared by every command that opens the store.
struct StorageOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (created when missing; export needs an existing one).", valueName: "path"))
    var db: String = ProcessInfo.processInfo.environment["BYLINE_DB"] ?? "byline.db"

    var storage: BylineConfig.Storage { .sqlite(path: db) }
}
