// The service document and the CSDL ($metadata) of the local Analytics endpoint, generated from
// the entity model, so tools that discover entity sets and properties see what the queries accept.
import { edmName, EntityDefinition, MODEL_NAMESPACE, ODataModel, ValueType } from "./model";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function serviceDocument(model: ODataModel, serviceRoot: string): Record<string, unknown> {
  return {
    "@odata.context": `${serviceRoot}$metadata`,
    value: [...model.entitySets.keys()].map((name) => ({ name, kind: "EntitySet", url: name })),
  };
}

export function metadataDocument(model: ODataModel): string {
  const enums = new Map<string, Extract<ValueType, { kind: "enum" }>>();
  const entityType = (entity: EntityDefinition) => {
    const lines = [`<EntityType Name="${escape(entity.typeName)}">`, `<Key><PropertyRef Name="${escape(entity.key)}"/></Key>`];
    for (const property of entity.properties.values()) {
      if (property.type.kind === "enum") enums.set(property.type.name, property.type);
      lines.push(`<Property Name="${escape(property.name)}" Type="${escape(edmName(property.type))}"/>`);
    }
    for (const navigation of entity.navigations.values()) {
      lines.push(`<NavigationProperty Name="${escape(navigation.name)}" Type="${MODEL_NAMESPACE}.${escape(navigation.target)}"/>`);
    }
    lines.push("</EntityType>");
    return lines.join("");
  };
  const types = [...model.types.values()].map(entityType);
  const enumTypes = [...enums.values()].map(
    (type) => `<EnumType Name="${escape(type.name)}">${type.members.map((member, value) => `<Member Name="${escape(member)}" Value="${value}"/>`).join("")}</EnumType>`,
  );
  const sets = [...model.entitySets.entries()].map(([name, entity]) => `<EntitySet Name="${escape(name)}" EntityType="${MODEL_NAMESPACE}.${escape(entity.typeName)}"/>`);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>',
    `<Schema Namespace="${MODEL_NAMESPACE}" xmlns="http://docs.oasis-open.org/odata/ns/edm">`,
    ...types,
    ...enumTypes,
    `<EntityContainer Name="Container">${sets.join("")}</EntityContainer>`,
    "</Schema></edmx:DataServices></edmx:Edmx>",
  ].join("\n");
}
