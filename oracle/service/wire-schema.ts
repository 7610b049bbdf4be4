// The routes' JSON Schemas come from the zod schemas of oracle/protocol/oracle-api.ts, so the
// validation, the TypeScript types of a handler and /openapi.json cannot drift apart. Fastify
// keeps validating with Ajv and serialising with fast-json-stringify, exactly as it did with
// hand-written schemas (the same refusals, word for word); the zod schema rides along at the
// type level only, read back by the type provider below.
import type { FastifyTypeProvider } from "fastify";
import { z } from "zod";

declare const from: unique symbol;

/** A JSON Schema that remembers, for the type checker, the zod schema it was derived from. */
export type WireSchema<T extends z.ZodType = z.ZodType> = { readonly [key: string]: unknown; readonly [from]?: T };

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  // Draft 7 is what Fastify's Ajv and OpenAPI 3.0 read; the $schema line means nothing to either.
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: "draft-7", io, override: recordValuesBehindAllOf });
  return rest;
}

/**
 * @fastify/swagger reads a record's value schema (`additionalProperties`) as if each of its
 * keywords were a schema, and so drops a property named `examples` from /openapi.json (the
 * report's removals have one). Behind `allOf` the value schema is read as what it is; Ajv and
 * fast-json-stringify treat both forms alike.
 */
function recordValuesBehindAllOf({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const values = jsonSchema.additionalProperties;
  if ((zodSchema as z.ZodType)._zod.def.type === "record" && typeof values === "object" && values !== null && "properties" in values) {
    jsonSchema.additionalProperties = { allOf: [values] };
  }
}

/** A request's part (params, query, body) as Fastify validates it: defaults filled, extra keys refused where the schema is strict. */
export function request<T extends z.ZodType>(schema: T): WireSchema<T> {
  return jsonSchema(schema, "input") as WireSchema<T>;
}

/** An answer as Fastify serialises it: exactly the keys the schema names. */
export function answer<T extends z.ZodType>(schema: T): WireSchema<T> {
  return jsonSchema(schema, "output") as WireSchema<T>;
}

/**
 * An answer shared by several routes, registered once (`app.addSchema(x.definition)`) and
 * referred to by `$ref` (`x.ref`), so /openapi.json names it as one component.
 */
export function sharedAnswer<T extends z.ZodType>(id: string, schema: T): { definition: Record<string, unknown>; ref: WireSchema<T> } {
  return { definition: { $id: id, ...jsonSchema(schema, "output") }, ref: { $ref: `${id}#` } as WireSchema<T> };
}

/** Types a route's request and reply from the zod schemas behind its JSON Schemas. */
export interface ZodWire extends FastifyTypeProvider {
  validator: this["schema"] extends WireSchema<infer T> ? z.output<T> : unknown;
  serializer: this["schema"] extends WireSchema<infer T> ? z.input<T> : unknown;
}
