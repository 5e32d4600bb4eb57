import Foundation

/// A repository shaped like a real web service's, generated deterministically: Python, TypeScript and Go
/// sources, Markdown docs, Kubernetes manifests, a large npm lockfile and a `go.sum` full of hashes, a minified
/// bundle with long lines, JSON fixtures with UUIDs, ObjectIds and digests, SVGs with base64 images, PNGs, and a
/// few dozen files with a credential pasted where people paste them. The look-alikes are what makes a secret
/// scan slow or noisy; the planted ones are what it must find.
struct RealisticTree {
    let root: URL
    private(set) var files: [URL] = []
    private(set) var planted: Set<String> = []
    var random = SeededRandom(seed: 0x7E57_5EC2)

    var bytes: Int {
        files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
    }

    static func write(in folder: URL) throws -> RealisticTree {
        var tree = RealisticTree(root: folder.appendingPathComponent("service"))
        for index in 0..<560 { try tree.add("services/api/app/m\(index / 40)/handler\(index).py", tree.python(index)) }
        for index in 0..<560 {
            try tree.add("web/src/features/f\(index / 40)/View\(index).tsx", tree.typeScript(index))
        }
        for index in 0..<280 { try tree.add("cmd/worker/internal/p\(index / 40)/job\(index).go", tree.goSource(index)) }
        for index in 0..<180 { try tree.add("docs/guide/chapter\(index).md", tree.markdown(index)) }
        for index in 0..<140 { try tree.add("deploy/k8s/service\(index).yaml", tree.manifest(index)) }
        for index in 0..<220 { try tree.add("tests/fixtures/case\(index).json", tree.fixture(index)) }
        for index in 0..<50 { try tree.add("web/src/assets/icon\(index).svg", tree.svg(index)) }
        for index in 0..<50 { try tree.add("web/public/img/photo\(index).png", tree.png(index)) }
        try tree.add("web/package-lock.json", tree.packageLock(packages: 6_000))
        try tree.add("go.sum", tree.goSum(modules: 2_500))
        for index in 0..<3 { try tree.add("web/dist/assets/index-\(index).js", tree.bundle(lines: 120)) }
        try tree.add(".env.example", "DATABASE_URL=postgres://app:<password>@localhost:5432/app\nAPI_KEY=changeme\n")
        for (path, text) in tree.pastedCredentials() {
            try tree.add(path, text)
            tree.planted.insert(path)
        }
        return tree
    }

    private mutating func add(_ relative: String, _ text: String) throws { try add(relative, Data(text.utf8)) }

    private mutating func add(_ relative: String, _ data: Data) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        files.append(url)
    }

    // MARK: ordinary files

    mutating func python(_ index: Int) -> String {
        var text = "\"\"\"Handlers for resource \(index).\"\"\"\nimport os\nimport logging\nfrom uuid import UUID\n\n"
        text += "log = logging.getLogger(__name__)\nDATABASE_URL = os.environ.get(\"DATABASE_URL\", \"\")\n\n"
        for item in 0..<14 {
            text += """
                class Resource\(item)Handler:
                    \"\"\"Reads and writes resource \(item); the token is checked by the middleware.\"\"\"

                    QUERY = "SELECT id, name, created_at FROM resource_\(item) WHERE owner_id = %s LIMIT 50"
                    FIXTURE_ID = UUID("\(random.uuid())")

                    def get(self, request, key: str) -> dict:
                        token = request.headers.get("Authorization", "")
                        log.info("resource %s fetched by %s", key, request.user_id)
                        return {"id": key, "digest": "\(random.hex(64))", "etag": "\(random.hex(32))"}


                """
        }
        return text
    }

    mutating func typeScript(_ index: Int) -> String {
        var text = "import React, { useEffect, useState } from 'react';\nimport { api } from '../../api/client';\n\n"
        for item in 0..<12 {
            text += """
                export function Panel\(index)x\(item)({ token }: { token: string }) {
                  const [rows, setRows] = useState<Row[]>([]);
                  useEffect(() => {
                    api.get(`/v1/panels/\(index)/\(item)`, { headers: { Authorization: `Bearer ${token}` } })
                      .then((response) => setRows(response.data.rows));
                  }, [token]);
                  const testId = '\(random.uuid())';
                  return <Table rows={rows} data-testid={testId} className="panel-\(random.hex(8))" />;
                }


                """
        }
        return text
    }

    mutating func goSource(_ index: Int) -> String {
        var text = "package p\(index / 40)\n\nimport (\n\t\"context\"\n\t\"os\"\n)\n\n"
        for item in 0..<12 {
            text += """
                // Job\(item) runs one batch; the key comes from the environment, never from the code.
                func Job\(index)x\(item)(ctx context.Context) error {
                \tapiKey := os.Getenv("WORKER_API_KEY")
                \tchecksum := "\(random.hex(64))"
                \treturn run(ctx, apiKey, checksum, \(index * 100 + item))
                }


                """
        }
        return text
    }

    mutating func markdown(_ index: Int) -> String {
        var text = "# Chapter \(index)\n\nThis chapter explains how the service handles requests of kind \(index).\n\n"
        for item in 0..<10 {
            text += """
                ## Step \(item)

                Call the endpoint with your own token (see the settings page; never paste it here):

                ```sh
                export API_TOKEN=<your token>
                curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com/v1/items/\(item)
                ```

                The response carries an `etag` such as `\(random.hex(40))` and the id `\(random.uuid())`.


                """
        }
        return text
    }

    mutating func manifest(_ index: Int) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: service-\(index)
          annotations:
            checksum/config: \(random.hex(64))
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: registry.example.com/app@sha256:\(random.hex(64))
                  env:
                    - name: DB_PASSWORD
                      valueFrom:
                        secretKeyRef:
                          name: app-db
                          key: password
                    - name: API_KEY
                      value: ${API_KEY}

        """
    }

    mutating func fixture(_ index: Int) -> String {
        let rows = (0..<40).map { _ in
            "  {\"id\": \"\(random.uuid())\", \"_id\": \"\(random.hex(24))\", \"sha1\": \"\(random.hex(40))\", "
                + "\"created\": \"2026-11-\(10 + index % 18)T09:00:00Z\", \"amount\": \(random.next() % 100_000)}"
        }
        return "[\n" + rows.joined(separator: ",\n") + "\n]\n"
    }

    mutating func svg(_ index: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\"><image href=\"data:image/png;base64,"
            + random.base64(16_000) + "\"/></svg>\n"
    }

    mutating func png(_ index: Int) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        data.append(contentsOf: (0..<(20_000 + index * 300)).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        return data
    }

    mutating func packageLock(packages: Int) -> String {
        var entries: [String] = []
        for index in 0..<packages {
            let name = "pkg-\(random.lower(6))-\(index)"
            entries.append(
                """
                    "node_modules/\(name)": {
                      "version": "\(index % 9).\(index % 17).\(index % 5)",
                      "resolved": "https://registry.npmjs.org/\(name)/-/\(name)-1.0.0.tgz",
                      "integrity": "sha512-\(random.base64(86))=="
                    }
                """
            )
        }
        return "{\n  \"name\": \"web\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n"
            + entries.joined(separator: ",\n") + "\n  }\n}\n"
    }

    mutating func goSum(modules: Int) -> String {
        (0..<modules).map { index in
            "github.com/example/mod\(index) v1.\(index % 30).0 h1:\(random.base64(43))=\n"
                + "github.com/example/mod\(index) v1.\(index % 30).0/go.mod h1:\(random.base64(43))=\n"
        }.joined()
    }

    mutating func bundle(lines: Int) -> String {
        (0..<lines).map { line in
            (0..<60).map { item in
                "function \(random.lower(2))\(line)_\(item)(e,t){return e.id===\"\(random.hex(12))\"?t(e):null}"
            }.joined(separator: ";") + ";\n"
        }.joined()
    }
}

/// SplitMix64: the same tree on every run.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func draw(_ count: Int, from alphabet: [Character]) -> String {
        String((0..<count).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
    }

    static let hexDigits = Array("0123456789abcdef")
    static let lowers = Array("abcdefghijklmnopqrstuvwxyz")
    static let alnums = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    static let base64s = alnums + ["+", "/"]

    mutating func hex(_ n: Int) -> String { draw(n, from: Self.hexDigits) }
    mutating func lower(_ n: Int) -> String { draw(n, from: Self.lowers) }
    mutating func alnum(_ n: Int) -> String { draw(n, from: Self.alnums) }
    mutating func base64(_ n: Int) -> String { draw(n, from: Self.base64s) }
    mutating func upperDigits(_ n: Int) -> String { draw(n, from: Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")) }
    mutating func uuid() -> String { [hex(8), hex(4), "4" + hex(3), "a" + hex(3), hex(12)].joined(separator: "-") }
}
