import ArgumentParser

/// The `byline` command: serves the site and runs the newsroom's tools.
@main
struct Byline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "byline",
        abstract: "Byline: a news publishing platform.",
        subcommands: [
            ServeCommand.self,
            BenchRenderCommand.self,
            ImportCommand.self,
            ExportCommand.self,
            EvalCommand.self,
            TrainNERCommand.self,
            BuildKBCommand.self,
            TagCommand.self,
            UserCommand.self, TokenCommand.self,
        ]
    )
}
