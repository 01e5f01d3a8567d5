import ArgumentParser
import Tapedeck
import TapedeckProviders

/// How replay matches request times a client computed from its own clock
/// (docs/server.md, "Times"), for the commands that replay.
struct TimeOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "How far a request time's offset from now may lie from the recorded offset: 90s, 10m, 2h, 1d.",
            discussion: "Default: the recording's own duration plus 5 minutes.", valueName: "duration"))
    var timeTolerance: String?

    @Option(
        help: ArgumentHelp(
            "How far from the recording instant a value may lie and still be taken for a time (default 400d).",
            valueName: "duration"))
    var timeDistance: String?

    @Flag(help: "Move the times in replayed answers by the time since they were recorded.")
    var shiftAnswers = false

    @Flag(help: "Match request times only as recorded, not by their offset from now.")
    var exactTimes = false

    /// The time matching these options ask for, taught the profiles' time parameters.
    /// - Throws: `InputError` naming the option whose value is not a duration.
    func timeMatching(profiles: ProfileCatalogue) throws(InputError) -> TimeMatching {
        var matching = TimeMatching(isEnabled: !exactTimes, shiftsAnswers: shiftAnswers).adding(profiles)
        if let timeTolerance { matching.tolerance = try TimeMatching.duration(timeTolerance, option: "--time-tolerance") }
        if let timeDistance { matching.distance = try TimeMatching.duration(timeDistance, option: "--time-distance") }
        return matching
    }
}
