import ArgumentParser

/// `byline eval …`: measures Byline's engines on labelled data and prints the figures.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure Byline's engines (entities, search, related, recommendations) on data.",
        subcommands: [
            EvalNERCommand.self,
            EvalTaggerCommand.self,
            EvalSearchCommand.self, BenchSearchCommand.self,
            EvalRelatedCommand.self, EvalRecsCommand.self, BenchRankCommand.self,
        ]
    )
}
