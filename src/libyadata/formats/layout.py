"""How the nested models are laid out as flat tables, derived from their JSON Schemas.

The rules, applied to every field of a row model:

- a scalar field is one column;
- a nested model is flattened into columns named ``<field>_<subfield>``;
- a list of models, or of foreign keys, or of free text, becomes a child table named
  ``<row>_<field>``, keyed by ``<row>_id`` and ``position`` (1-based, in list order);
- a list marked ``Inline`` (short lists of identifiers) is one ``array`` column holding a
  JSON array, e.g. ``["date","visitors"]``.

Because the layout is computed from the JSON Schema, the Table Schemas, the CSV files and the
codebook cannot drift from the models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from ..core.jsontypes import JsonSchema
from ..models.tables import TABLES, Table, table
from .packagenames import JSON_SUFFIX

#: Suffix of the resource name of a table's JSON form: ``visits-jsonl``.


@dataclass(frozen=True)
class ForeignKey:
    """A column of one table that must match the ``id`` of a row in another table."""

    column: str
    table: str
    target: str = "id"


@dataclass(frozen=True)
class Column:
    """One column of a flat table."""

    name: str
    path: tuple[str, ...]
    """Where the value sits in the row model: field names, outermost first."""
    descriptor: JsonSchema
    """The Table Schema field descriptor."""


@dataclass(frozen=True)
class Layout:
    """A flat table: a top-level table, or a child table holding one list field of it."""

    name: str
    table: Table
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...]
    list_field: str | None = None
    """For a child table: the list field of the parent row that it holds."""
    description: str = ""

    @property
    def is_child(self) -> bool:
        """Whether this table holds a list field of another table's rows."""
        return self.list_field is not None


def resolve(schema: JsonSchema, defs: JsonSchema, where: str) -> tuple[JsonSchema, bool]:
    """Return the schema behind ``$ref``/``anyOf [X, null]`` and whether null is allowed."""
    nullable = False
    if "anyOf" in schema:
        options = [opt for opt in schema["anyOf"] if opt.get("type") != "null"]
        nullable = len(options) < len(schema["anyOf"])
        if len(options) != 1:
            raise TypeError(f"{where}: cannot lay out a union {schema['anyOf']}")
        schema = options[0]
    if len(schema.get("allOf", ())) == 1:  # older pydantic wraps a $ref with siblings
        schema = schema["allOf"][0]
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema, nullable


@dataclass
class _Builder:
    table: Table
    defs: JsonSchema
    columns: list[Column] = field(default_factory=list)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    children: list[Layout] = field(default_factory=list)

    def resolve(self, schema: JsonSchema) -> tuple[JsonSchema, bool]:
        """Return the schema behind ``$ref``/``anyOf [X, null]`` and whether null is allowed."""
        return resolve(schema, self.defs, self.table.name)

    def add_fields(
        self,
        schema: JsonSchema,
        order: tuple[str, ...],
        prefix: tuple[str, ...],
        optional: bool,
        *,
        allow_children: bool,
        context: str = "",
    ) -> None:
        required = set(schema.get("required", ()))
        for name in order:
            prop = schema["properties"][name]
            target, nullable = self.resolve(prop)
            path = (*prefix, name)
            # A field with a non-null default always has a value once a record is validated.
            always = name in required or prop.get("default") is not None
            is_required = always and not nullable and not optional
            description = prop.get("description") or target.get("description", "")
            if "properties" in target:
                if not target.get("required"):
                    # The CSV form reads all-empty columns as an absent model (see rows).
                    raise TypeError(
                        f"{self.table.name}.{name}: a nested model needs a required field"
                    )
                self.add_fields(
                    target,
                    tuple(target["properties"]),
                    path,
                    optional or not is_required,
                    allow_children=allow_children,
                    context=f"{context}{description.rstrip('.')} — ",
                )
                continue
            description = f"{context}{description}"
            if target.get("type") == "array":
                self.add_list(path, target, description, is_required, allow_children=allow_children)
            else:
                self.add_column(path, target, description, is_required, unique=path == ("id",))

    def add_column(
        self,
        path: tuple[str, ...],
        schema: JsonSchema,
        description: str,
        required: bool,
        *,
        unique: bool = False,
        name: str | None = None,
    ) -> None:
        column = name or "_".join(path)
        descriptor = scalar_descriptor(column, schema, description, required, unique=unique)
        self.columns.append(Column(column, path, descriptor))
        if "x-references" in schema:
            self.foreign_keys.append(ForeignKey(column, schema["x-references"]))

    def add_list(
        self,
        path: tuple[str, ...],
        schema: JsonSchema,
        description: str,
        required: bool,
        *,
        allow_children: bool,
    ) -> None:
        items, _ = self.resolve(schema["items"])
        if schema.get("x-inline"):
            column = "_".join(path)
            descriptor: JsonSchema = {
                "name": column,
                "type": "array",
                "description": f"{description} A JSON array of strings.",
            }
            constraints: JsonSchema = {"required": True} if required else {}
            if "minItems" in schema:
                constraints["minLength"] = schema["minItems"]
            if constraints:
                descriptor["constraints"] = constraints
            self.columns.append(Column(column, path, descriptor))
            return
        if not allow_children:
            raise TypeError(f"{self.table.name}: a list inside a child table is not supported")
        self.children.append(self.child(path, items, description))

    def child(self, path: tuple[str, ...], items: JsonSchema, description: str) -> Layout:
        row = self.table.row
        name = f"{row}_{'_'.join(path)}"
        sub = _Builder(self.table, self.defs)
        key = f"{row}_id"
        sub.add_column(
            (key,),
            {"type": "string", "x-references": self.table.name},
            f"The {row.replace('_', ' ')} this row belongs to.",
            required=True,
        )
        sub.add_column(
            ("position",),
            {"type": "integer", "minimum": 1},
            "Position of the item in the list, from 1.",
            required=True,
        )
        if "properties" in items:
            sub.add_fields(items, tuple(items["properties"]), (), False, allow_children=False)
        else:
            target = items.get("x-references")
            value_name = table(target).row + "_id" if target else "value"
            if value_name == key:  # a list of rows of the same table (possibly_same_as)
                value_name = f"other_{value_name}"
            sub.add_column((), items, description, required=True, name=value_name)
        return Layout(
            name=name,
            table=self.table,
            columns=tuple(sub.columns),
            primary_key=(key, "position"),
            foreign_keys=tuple(sub.foreign_keys),
            list_field=path[0],
            description=description,
        )


def scalar_descriptor(
    name: str, schema: JsonSchema, description: str, required: bool, *, unique: bool = False
) -> JsonSchema:
    """Translate a scalar JSON Schema into a Table Schema field descriptor."""
    kind = schema.get("type", "string")
    fmt = schema.get("format")
    if fmt == "date":
        kind = "date"
    elif fmt == "date-time":
        kind = "datetime"
    descriptor: JsonSchema = {"name": name, "type": kind}
    if description:
        descriptor["description"] = description
    constraints: JsonSchema = {}
    if required:
        constraints["required"] = True
    if unique:
        constraints["unique"] = True
    for json_key, table_key in (
        ("pattern", "pattern"),
        ("minLength", "minLength"),
        ("maxLength", "maxLength"),
        ("minimum", "minimum"),
        ("maximum", "maximum"),
        ("exclusiveMinimum", "exclusiveMinimum"),
        ("exclusiveMaximum", "exclusiveMaximum"),
        ("enum", "enum"),
    ):
        if json_key in schema:
            constraints[table_key] = schema[json_key]
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def layouts() -> tuple[Layout, ...]:
    """Return every flat table: each top-level table followed by its child tables."""
    return tuple(layout for source in TABLES for layout in _table_layouts(source))


@cache
def _table_layouts(source: Table) -> tuple[Layout, ...]:
    # One table's own, so that reading one table (as ``load`` does, to compare its two forms)
    # builds the JSON Schema of its model only, not of every model; keyed by the table, so a
    # table registered for a while has its layouts.
    schema = source.model.model_json_schema()
    builder = _Builder(source, schema.get("$defs", {}))
    builder.add_fields(schema, source.model.column_order(), (), False, allow_children=True)
    top = Layout(
        name=source.name,
        table=source,
        columns=tuple(builder.columns),
        primary_key=("id",),
        foreign_keys=tuple(builder.foreign_keys),
        description=(source.model.__doc__ or "").strip().splitlines()[0].replace("``", ""),
    )
    return (top, *builder.children)


def forget_layouts() -> None:
    """Drop the layouts made so far, after a model was changed in place (tests do this)."""
    _table_layouts.cache_clear()


def layouts_of(source: Table) -> tuple[Layout, ...]:
    """Return the flat tables that the rows of ``source`` are laid out in, top-level first."""
    return _table_layouts(source)


def table_schema(layout: Layout) -> JsonSchema:
    """Return the Frictionless Table Schema (Data Package v2) of a flat table."""
    foreign_keys = []
    for key in layout.foreign_keys:
        reference: JsonSchema = {"fields": [key.target]}
        if key.table != layout.name:
            reference = {"resource": key.table, **reference}
        foreign_keys.append({"fields": [key.column], "reference": reference})
    schema: JsonSchema = {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
        "fields": [column.descriptor for column in layout.columns],
        "missingValues": [""],
        "primaryKey": list(layout.primary_key),
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def nested_table_schema(source: Table) -> JsonSchema:
    """Return the Table Schema of a table's JSON form: one field per model field, nested kept.

    Nested models are ``object`` fields and lists are ``array`` fields, holding exactly what the
    model's JSON Schema describes; scalar fields carry the same constraints as in the CSV form.
    """
    schema = source.model.model_json_schema()
    defs = schema.get("$defs", {})
    required = set(schema.get("required", ()))
    fields, foreign_keys = [], []
    for name in source.model.column_order():
        prop = schema["properties"][name]
        target, nullable = resolve(prop, defs, source.name)
        is_required = (name in required or prop.get("default") is not None) and not nullable
        description = prop.get("description") or target.get("description", "")
        if "properties" in target or target.get("type") == "array":
            kind = "object" if "properties" in target else "array"
            descriptor: JsonSchema = {"name": name, "type": kind, "description": description}
            if is_required:
                descriptor["constraints"] = {"required": True}
        else:
            descriptor = scalar_descriptor(
                name, target, description, is_required, unique=name == "id"
            )
            if "x-references" in target:
                reference = {"resource": f"{target['x-references']}{JSON_SUFFIX}", "fields": ["id"]}
                foreign_keys.append({"fields": [name], "reference": reference})
        fields.append(descriptor)
    result: JsonSchema = {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
        "fields": fields,
        "primaryKey": ["id"],
    }
    if foreign_keys:
        result["foreignKeys"] = foreign_keys
    return result
