import Foundation

extension Doctor {
    /// Starts the configured memory server, initialises it and lists its tools (then stops it).
    func memoryServer(_ configuration: Configuration) async -> DoctorCheck {
        let name = "memory server"
        switch MemoryServerConfiguration.lookup(
            project: project,
            serverName: configuration.memoryServer,
            environment: environment
        ) {
        case .notConfigured(let why):
            return .info(name, why)
        case .unsupported(let why), .invalid(let why):
            return .fail(name, why, fix: "fix the `\(configuration.memoryServer)` entry of .mcp.json")
        case .notApproved(_, let why, let askable):
            // Never started to check it: a project's server runs only once the user approved it.
            guard askable else { return .info(name, why) }
            return .fail(name, why, fix: ProjectServerApproval.approvalCommand(configuration.memoryServer))
        case .stdio(let launch, _):
            let started = ContinuousClock.now
            do {
                let client = try await MemoryClient.connect(
                    launch,
                    environment: environment,
                    limits: MemoryTimeLimits(connect: .seconds(10), call: .seconds(5))
                )
                let tools = await client.tools.sorted()
                let missing = MemoryClient.requiredTools.filter { !tools.contains($0) }
                await client.close()
                let elapsed = (ContinuousClock.now - started).shortDescription
                let command = ([launch.command] + launch.arguments).joined(separator: " ")
                guard missing.isEmpty else {
                    return .fail(
                        name,
                        "`\(command)` answered but lacks \(missing.joined(separator: ", "))",
                        fix: "point mcpServers.\(launch.name) in .mcp.json at a Memory MCP server"
                    )
                }
                return .pass(name, "`\(command)` answered in \(elapsed); tools: \(tools.joined(separator: ", "))")
            } catch {
                let command = ([launch.command] + launch.arguments).joined(separator: " ")
                return .fail(
                    name,
                    "`\(command)` did not start or answer: \(error)",
                    fix: "fix mcpServers.\(launch.name) in .mcp.json (the command must run from \(project.root.path))"
                )
            }
        }
    }

    /// The project is a git repository, and its branch has an upstream to push the session commit to.
    func git() -> [DoctorCheck] {
        func git(_ arguments: [String]) -> ProcessResult? {
            try? ProcessRunner.run(
                ["git"] + arguments,
                in: project.root,
                environment: environment,
                timeout: .seconds(10)
            )
        }
        guard let top = git(["rev-parse", "--show-toplevel"]) else {
            return [
                .fail("git", "git is not installed (not on PATH)", fix: "install git; without it step 5 is skipped")
            ]
        }
        guard top.succeeded else {
            return [
                .fail(
                    "git",
                    "\(project.root.path) is not in a git repository",
                    fix: "git init (step 5 commits the session)"
                )
            ]
        }
        let branch =
            git(["symbolic-ref", "--short", "-q", "HEAD"])?.output.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let repository = DoctorCheck.pass(
            "git",
            "repository at \(top.output.trimmingCharacters(in: .whitespacesAndNewlines))"
                + (branch.isEmpty ? " (detached HEAD)" : ", branch \(branch)")
        )
        if let upstream = git(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"]), upstream.succeeded {
            return [
                repository,
                .pass("upstream", "\(branch) → \(upstream.output.trimmingCharacters(in: .whitespacesAndNewlines))"),
            ]
        }
        let remotes = git(["remote"])?.output.split(separator: "\n").map(String.init) ?? []
        let target = branch.isEmpty ? "BRANCH" : branch
        guard let remote = remotes.first else {
            return [
                repository,
                .fail(
                    "upstream",
                    "no remote: the session commit stays on this machine",
                    fix: "git remote add origin URL && git push -u origin \(target)"
                ),
            ]
        }
        return [
            repository,
            .fail(
                "upstream",
                "\(target) has no upstream: the session commit cannot be pushed",
                fix: "git push -u \(remote) \(target)"
            ),
        ]
    }
}
