import Foundation
import Tapedeck

/// The request rules of one exchange: param-range (documented path, known
/// parameters, required ones, types, ranges, sets, patterns), time-format of
/// time parameters, and time-window on answered windows.
struct RequestValidator {
    let contract: Contract

    func check(_ exchange: Exchange, into sink: inout ViolationSink) {
        guard let operation = exchange.operation else {
            sink.report(
                .paramRange, at: "request.path", "the request matches no operation the contract documents",
                expected: contract.operations.map { $0.methods.joined(separator: "|") + " \($0.path)" }.joined(separator: ", "),
                actual: "\(exchange.interaction.request.method) /" + exchange.target.segments.joined(separator: "/"))
            return
        }
        if !exchange.exactPath {
            sink.report(
                .paramRange, at: "request.path", "the request path is not the documented path",
                expected: operation.path, actual: "/" + exchange.target.operationSegments(provider: contract.provider).joined(separator: "/"))
        }
        for name in exchange.target.queryNames where operation.parameter(name)?.location != .query {
            sink.report(
                .paramRange, at: "request.query.\(name)", "`\(name)` is not a documented query parameter",
                expected: operation.parameters.filter { $0.location == .query }.map(\.name).joined(separator: ", "),
                actual: name)
        }
        for parameter in operation.parameters {
            let value: String? =
                switch parameter.location {
                case .query: exchange.target.query[parameter.name]
                case .path: exchange.pathParameters[parameter.name]
                case .header: exchange.interaction.request.headers[parameter.name]
                }
            let location = "request.\(parameter.location.rawValue).\(parameter.name)"
            let node = operation.plan[parameter.node]
            guard let value else {
                if parameter.required && (parameter.location != .path || exchange.exactPath) {
                    sink.report(
                        .paramRange, at: location, "the required parameter `\(parameter.name)` is missing",
                        expected: parameter.name, actual: "absent", seed: node.seed)
                }
                continue
            }
            let before = sink.violations.count
            checkValue(value, node: node, at: location, into: &sink)
            // Full JSON Schema validation of what the summary's checks found nothing wrong with (a documented
            // set of values, which a comma-separated list may name several of, the summary has checked in full).
            if sink.violations.count == before, node.text?.allowed == nil, let schema = parameter.schema {
                var evaluator = SchemaEvaluator(program: operation.program)
                for violation in evaluator.violations(of: Self.json(value, node: parameter.node, plan: operation.plan), node: schema) {
                    let path = JSONPath(components: violation.path).description.dropFirst()
                    sink.report(
                        .paramRange, at: location + path, violation.message, expected: violation.expected, actual: violation.found,
                        seed: violation.seed ?? node.seed)
                }
            }
        }
        if let credentials = operation.credentials {
            checkCredentials(credentials, exchange: exchange, into: &sink)
        }
        if exchange.isSuccess, let window = operation.window {
            checkWindow(window, operation: operation, exchange: exchange, into: &sink)
        }
    }

    /// param-range when a request carries none of the documented alternatives of credentials in full.
    private func checkCredentials(_ credentials: CredentialSpec, exchange: Exchange, into sink: inout ViolationSink) {
        guard !credentials.alternatives.contains(where: { $0.allSatisfy { exchange.parameter($0) != nil } }) else { return }
        let names = credentials.alternatives.map { $0.joined(separator: " with ") }
        let sent = credentials.alternatives.joined().filter { exchange.parameter($0) != nil }
        sink.report(
            .paramRange, at: "request.header.\(credentials.alternatives[0][0])", "the request carries none of the documented credentials",
            expected: names.joined(separator: ", or "), actual: sent.isEmpty ? "none" : "only " + sent.joined(separator: ", "),
            seed: credentials.seed)
    }

    private func checkValue(_ value: String, node: SchemaPlan.Node, at location: String, into sink: inout ViolationSink) {
        if let format = node.timeFormat {
            if format.seconds(value) == nil {
                sink.report(
                    .timeFormat, at: location, "\"\(value)\" is not a time in the documented format",
                    expected: format.pattern, actual: value, seed: node.seed)
            } else if let number = Double(value), number < (node.minimum ?? -.infinity) || number > (node.maximum ?? .infinity) {
                // A count outside the range is a time in another unit (seconds where milliseconds are documented).
                sink.report(
                    .timeFormat, at: location, "\(value) is not a time in the documented unit",
                    expected: "\(format.pattern), \(ResponseValidator.range(node))", actual: value, seed: node.seed)
            }
        } else if node.types.contains(.integer) && !node.types.contains(.string) {
            guard let number = Int64(value) else {
                sink.report(
                    .paramRange, at: location, "\"\(value)\" is not an integer", expected: "an integer",
                    actual: value, seed: node.seed)
                return
            }
            if Double(number) < (node.minimum ?? -.infinity) || Double(number) > (node.maximum ?? .infinity) {
                sink.report(
                    .paramRange, at: location, "\(value) is outside the documented range",
                    expected: ResponseValidator.range(node), actual: value, seed: node.seed)
            }
        } else if let problem = ResponseValidator.formatProblem(value, node: node) {
            sink.report(.paramRange, at: location, problem.message, expected: problem.expected, actual: value, seed: node.seed)
        }
        if let rules = node.text, let allowed = rules.allowed, !Self.values(value, separatedIn: node).allSatisfy(allowed.contains) {
            sink.report(
                .paramRange, at: location, "\"\(value)\" is not among the documented values",
                expected: rules.allowedList.joined(separator: ", "), actual: value, seed: node.seed)
        }
    }

    /// A parameter's text as the JSON value its schema describes: a number, a boolean, or a
    /// comma-separated array (OpenAPI's `form` style) where the schema documents one, else the string.
    static func json(_ text: String, node: Int, plan: SchemaPlan) -> JSONValue {
        let types = plan[node].types
        if types.contains(.array), !types.contains(.string) {
            let items = plan[node].items
            return .array(
                text.split(separator: ",", omittingEmptySubsequences: false).map { element in
                    items.map { json(String(element), node: $0, plan: plan) } ?? .string(String(element))
                })
        }
        if types.contains(.string) && types != .any { return .string(text) }
        if types.contains(.integer) || types.contains(.number), JSONNumber(text) != nil,
            text.range(of: "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$", options: .regularExpression) != nil
        {
            return .number(text)
        }
        if types.contains(.boolean), text == "true" || text == "false" { return .bool(text == "true") }
        return .string(text)
    }

    /// A parameter documented as a comma-separated list of allowed values is checked value by value.
    private static func values(_ value: String, separatedIn node: SchemaPlan.Node) -> [String] {
        node.text?.allowed?.contains(value) == true ? [value] : value.split(separator: ",").map(String.init)
    }

    private func checkWindow(
        _ window: WindowSpec, operation: OperationContract, exchange: Exchange, into sink: inout ViolationSink
    ) {
        guard let startName = window.startParam else { return }
        let start = Self.time(of: startName, operation: operation, exchange: exchange)
        if let endName = window.endParam, let start, let end = Self.time(of: endName, operation: operation, exchange: exchange),
            start >= end
        {
            sink.report(
                .timeWindow, at: "request.query.\(startName)",
                "a window whose start is not before its end was answered with \(exchange.status)",
                expected: "\(startName) before \(endName)",
                actual: "\(exchange.parameter(startName) ?? "") .. \(exchange.parameter(endName) ?? "")", seed: window.seed)
        }
        // A client computes "now minus N days" a moment before the exchange is recorded: allow a minute for that.
        if let days = window.maxStartAgeDays, let start, start < exchange.recordedAt - days * 86_400 - 60 {
            sink.report(
                .timeWindow, at: "request.query.\(startName)",
                "a window starting more than \(Int(days)) days before the exchange was recorded was answered with \(exchange.status)",
                expected: "no earlier than \(Int(days)) days before \(exchange.interaction.recordedAt)",
                actual: exchange.parameter(startName), seed: window.seed)
        }
    }

    /// The time a window parameter names, in seconds since 1970, using the parameter's documented format.
    static func time(of name: String, operation: OperationContract, exchange: Exchange) -> Double? {
        guard let value = exchange.parameter(name), let parameter = operation.parameter(name) else { return nil }
        let node = operation.plan[parameter.node]
        // A count in another unit is time-format's to report; its window is not judged.
        if let number = Double(value), number < (node.minimum ?? -.infinity) || number > (node.maximum ?? .infinity) { return nil }
        return (node.timeFormat ?? .rfc3339).seconds(value)
    }
}
