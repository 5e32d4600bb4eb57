import Foundation
import MCP
import Testing

@testable import Completion

/// Calls built from advertised input schemas, the way servers of other shapes write them (TypeScript with zod,
/// Python with pydantic). The schemas are literal JSON as such servers list them.
@Suite("Memory calls built from the advertised input schema")
struct ArgumentShaperTests {
    static func schema(_ json: String) throws -> Value {
        // Written with single quotes to stay readable in Swift; none of the names or values holds one.
        try JSONDecoder().decode(Value.self, from: Data(json.replacingOccurrences(of: "'", with: "\"").utf8))
    }

    static let relations: [String: Value] = [
        "relations": .array([.object(["from": "Session_1", "to": "acme", "relationType": "part_of"])])
    ]

    @Test func theReferenceSchemaGetsOurArgumentsUnchanged() throws {
        let schema = try Self.schema(
            "{'type':'object','properties':{'relations':{'type':'array','items':{'type':'object',"
                + "'properties':{'from':{'type':'string'},'to':{'type':'string'},'relationType':{'type':'string'}},"
                + "'required':['from','to','relationType']}}},'required':['relations']}"
        )
        let shaped = try ArgumentShaper(schema: schema).shape(Self.relations)
        #expect(shaped.arguments == Self.relations)
        #expect(shaped.dropped.isEmpty)
    }

    @Test func aPydanticSchemaWithFromUnderscoreDefsAndOptionalFieldsGetsItsOwnNames() throws {
        // What a Python server's `from_: str = Field(alias=...)`-less model advertises.
        let schema = try Self.schema(
            "{'type':'object','properties':{'relations':{'type':'array','items':{'$ref':'#/$defs/Relation'}}},"
                + "'required':['relations'],'$defs':{'Relation':{'type':'object','properties':{"
                + "'from_':{'type':'string'},'to_':{'type':'string'},'relation_type':{'type':'string'},"
                + "'note':{'anyOf':[{'type':'string'},{'type':'null'}],'default':null}},"
                + "'required':['from_','to_','relation_type']}}}"
        )
        let shaped = try ArgumentShaper(schema: schema).shape(Self.relations)
        #expect(
            shaped.arguments == [
                "relations": .array([.object(["from_": "Session_1", "to_": "acme", "relation_type": "part_of"])])
            ]
        )
    }

    @Test func sourceTargetAndTypeUnderAnotherListName() throws {
        let schema = try Self.schema(
            "{'type':'object','properties':{'edges':{'type':'array','items':{'type':'object','properties':{"
                + "'source':{'type':'string'},'target':{'type':'string'},'type':{'type':'string'}},"
                + "'required':['source','target','type'],'additionalProperties':false}}},'required':['edges']}"
        )
        let shaped = try ArgumentShaper(schema: schema).shape(Self.relations)
        #expect(
            shaped.arguments == [
                "edges": .array([.object(["source": "Session_1", "target": "acme", "type": "part_of"])])
            ]
        )
    }

    @Test func aListUnderANameNoOneUsesStillTakesTheOnlyList() throws {
        let schema = try Self.schema(
            "{'type':'object','properties':{'payload':{'type':'array','items':{'type':'object','properties':{"
                + "'from':{'type':'string'},'to':{'type':'string'},'relationType':{'type':'string'}}}}},"
                + "'required':['payload']}"
        )
        let shaped = try ArgumentShaper(schema: schema).shape(Self.relations)
        #expect(shaped.arguments["payload"] == Self.relations["relations"])
    }

    @Test func fieldsTheSchemaHasNoPlaceForAreLeftOutAndNamed() throws {
        let schema = try Self.schema(
            "{'type':'object','properties':{'entities':{'type':'array','items':{'type':'object','properties':{"
                + "'name':{'type':'string'},'type':{'type':'string'}},'required':['name','type']}}}}"
        )
        let entities: [String: Value] = [
            "entities": .array([.object(["name": "acme", "entityType": "project", "observations": ["x"]])])
        ]
        let shaped = try ArgumentShaper(schema: schema).shape(entities)
        #expect(shaped.arguments == ["entities": .array([.object(["name": "acme", "type": "project"])])])
        #expect(shaped.dropped == ["entities[].observations"])
    }

    @Test func observationsAsOneTextWhenTheSchemaWantsAString() throws {
        let schema = try Self.schema(
            "{'type':'object','properties':{'observations':{'type':'array','items':{'type':'object','properties':{"
                + "'entity_name':{'type':'string'},'content':{'type':'string'}},"
                + "'required':['entity_name','content']}}}}"
        )
        let shaped = try ArgumentShaper(schema: schema).shape([
            "observations": .array([.object(["entityName": "acme", "contents": ["one", "two"]])])
        ])
        #expect(
            shaped.arguments == ["observations": .array([.object(["entity_name": "acme", "content": "one\ntwo"])])]
        )
    }

    @Test func aRequiredPropertyWeHaveNoValueForIsSaidNotSent() throws {
        let schema = try Self.schema(
            "{'type':'object','properties':{'relations':{'type':'array','items':{'type':'object','properties':{"
                + "'from':{'type':'string'},'to':{'type':'string'},'relationType':{'type':'string'},"
                + "'weight':{'type':'number'},'layer':{'type':'string','default':'main'}},"
                + "'required':['from','to','relationType','layer','weight']}}}}"
        )
        #expect(throws: ArgumentShaper.Unfit.self) { try ArgumentShaper(schema: schema).shape(Self.relations) }
        do {
            _ = try ArgumentShaper(schema: schema).shape(Self.relations)
        } catch {
            #expect("\(error)".contains("relations[].weight"), "\(error)")
        }
        let withDefault = try Self.schema(
            "{'type':'object','properties':{'relations':{'type':'array','items':{'type':'object','properties':{"
                + "'from':{'type':'string'},'to':{'type':'string'},'relationType':{'type':'string'},"
                + "'layer':{'type':'string','default':'main'}},'required':['from','to','relationType','layer']}}}}"
        )
        let shaped = try ArgumentShaper(schema: withDefault).shape(Self.relations)
        #expect(shaped.arguments["relations"]?.arrayValue?.first?.objectValue?["layer"] == "main")
    }

    @Test func aHostileSchemaIsRefusedQuickly() throws {
        // Each definition is `anyOf` the previous one twice: 40 of them would take 2^40 attempts if walked naively.
        var definitions = ["'d0':{'type':'integer'}"]
        for level in 1...40 {
            let previous = "{'$ref':'#/$defs/d\(level - 1)'}"
            definitions.append("'d\(level)':{'anyOf':[\(previous),\(previous)]}")
        }
        let schema = try Self.schema(
            "{'type':'object','properties':{'relations':{'$ref':'#/$defs/d40'}},'$defs':{"
                + definitions.joined(separator: ",") + "}}"
        )
        let started = ContinuousClock.now
        #expect(throws: ArgumentShaper.Unfit.self) { try ArgumentShaper(schema: schema).shape(Self.relations) }
        // Bounded by the step budget (well under a second in a release build), not by 2^40.
        #expect(ContinuousClock.now - started < .seconds(10))
        let loop = try Self.schema("{'$ref':'#'}")
        #expect(try ArgumentShaper(schema: loop).shape(Self.relations).arguments == Self.relations)
    }
}
