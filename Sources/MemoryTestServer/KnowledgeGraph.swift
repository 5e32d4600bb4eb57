import Foundation

/// The reference memory server's data model (modelcontextprotocol/servers, src/memory).
struct Entity: Codable, Equatable, Sendable {
    var name: String
    var entityType: String
    var observations: [String]
}

struct Relation: Codable, Equatable, Sendable {
    var from: String
    var to: String
    var relationType: String
}

struct KnowledgeGraph: Codable, Equatable, Sendable {
    var entities: [Entity] = []
    var relations: [Relation] = []
}

struct ObservationAddition: Codable, Sendable {
    var entityName: String
    var contents: [String]
}

struct ObservationResult: Codable, Sendable {
    var entityName: String
    var addedObservations: [String]
}

struct ToolFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
