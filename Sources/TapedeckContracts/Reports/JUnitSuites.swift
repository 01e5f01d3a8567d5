/// JUnit XML for CI: test suites of test cases, each passing, failing, or
/// passing with notes in `system-out`. `check` and `drift` both print theirs with it.
package struct JUnitSuites {
    package struct Suite {
        package var name: String
        package var cases: [Case]

        package init(name: String, cases: [Case]) {
            self.name = name
            self.cases = cases
        }
    }

    package struct Case {
        package var classname: String
        package var name: String
        package var failure: Failure?
        package var systemOut: String?

        package init(classname: String, name: String, failure: Failure? = nil, systemOut: String? = nil) {
            self.classname = classname
            self.name = name
            self.failure = failure
            self.systemOut = systemOut
        }
    }

    package struct Failure {
        package var message: String
        package var type: String?
        package var text: String

        package init(message: String, type: String? = nil, text: String) {
            self.message = message
            self.type = type
            self.text = text
        }
    }

    package var name: String
    package var suites: [Suite]

    package init(name: String, suites: [Suite]) {
        self.name = name
        self.suites = suites
    }

    package func render() -> String {
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { $0 + $1.cases.filter { $0.failure != nil }.count }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(Self.escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
        for suite in suites {
            let failed = suite.cases.filter { $0.failure != nil }.count
            xml += "  <testsuite name=\"\(Self.escape(suite.name))\" tests=\"\(suite.cases.count)\" failures=\"\(failed)\">\n"
            for test in suite.cases {
                xml += "    <testcase classname=\"\(Self.escape(test.classname))\" name=\"\(Self.escape(test.name))\""
                guard test.failure != nil || test.systemOut != nil else {
                    xml += "/>\n"
                    continue
                }
                xml += ">\n"
                if let failure = test.failure {
                    xml += "      <failure message=\"\(Self.escape(failure.message))\""
                    if let type = failure.type { xml += " type=\"\(Self.escape(type))\"" }
                    xml += ">" + Self.escape(failure.text) + "</failure>\n"
                }
                if let out = test.systemOut { xml += "      <system-out>" + Self.escape(out) + "</system-out>\n" }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    /// Text made safe for XML attributes and content: the HTML page's escaping of markup
    /// (which XML shares), white space as character references (an attribute would fold it
    /// to spaces), and each character XML 1.0 forbids in any form (other C0 controls, U+FFFE,
    /// U+FFFF) written visibly as `\u{1B}`, so the report stays a document every reader accepts.
    package static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in HTMLPage.escape(text).unicodeScalars {
            if scalar == "\t" || scalar == "\n" || scalar == "\r" {
                escaped += "&#\(scalar.value);"
            } else if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
