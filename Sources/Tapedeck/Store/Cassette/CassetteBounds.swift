package import Foundation

/// The values an interaction may hold. The cassette reader rejects anything
/// outside them, and every writer (the cassette store, the HAR importer and
/// exporter) keeps to them, so Tapedeck never writes what it cannot read back.
package enum CassetteBounds {
    /// HTTP status codes: three digits.
    package static let statuses = 100...999
    /// The longest exchange, in milliseconds (about eleven and a half days).
    package static let maximumDurationMilliseconds = 1e9
    /// When an exchange may have been recorded: 1970-01-01 up to the end of year 9999,
    /// the four-digit years ISO 8601 writes.
    package static let recordedAt = Date(timeIntervalSince1970: 0)...Date(timeIntervalSince1970: 253_402_300_799.999)

    /// What is wrong with `interaction`, as the member of the cassette layout that
    /// holds it and what was expected there, or `nil` when it keeps to the bounds.
    package static func problem(in interaction: Interaction) -> (member: JSONPath, expected: String, found: String)? {
        if !recordedAt.contains(interaction.recordedAt) {
            return (JSONPath.root.appending("recordedAt"), recordedAtExpectation, "\(interaction.recordedAt.timeIntervalSince1970) s since 1970")
        }
        let milliseconds = interaction.duration * 1000
        if !isDuration(milliseconds) {
            return (JSONPath.root.appending("durationMs"), durationExpectation, "\(milliseconds)")
        }
        if !statuses.contains(interaction.response.status) {
            return (JSONPath.root.appending("response").appending("status"), statusExpectation, "\(interaction.response.status)")
        }
        return nil
    }

    /// Whether `milliseconds` is a duration a cassette may hold.
    package static func isDuration(_ milliseconds: Double) -> Bool {
        milliseconds >= 0 && milliseconds <= maximumDurationMilliseconds
    }

    package static let recordedAtExpectation = "a time from 1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z"
    package static let durationExpectation = "a number of milliseconds from 0 to \(Int(maximumDurationMilliseconds))"
    package static let statusExpectation = "an HTTP status code (100-999)"
}

extension Cassette {
    /// Checks every interaction against `CassetteBounds` before the cassette is written to `file`.
    /// - Throws: `InputError` naming the interaction's JSON path, what was expected and what it holds.
    package func validate(file: String) throws(InputError) {
        for (index, interaction) in interactions.enumerated() {
            try interaction.validate(file: file, index: index)
        }
    }
}

extension Interaction {
    /// Checks the interaction at `index` of a cassette about to be written to `file`.
    package func validate(file: String, index: Int) throws(InputError) {
        guard let problem = CassetteBounds.problem(in: self) else { return }
        let path = JSONPath(components: [.key("interactions"), .index(index)] + problem.member.components)
        throw InputError(
            file: file, location: .path(path), expected: problem.expected, found: problem.found,
            hint: "Nothing was written: the cassette reader would reject this value")
    }
}
