// The API's documentation, drawn from this server's own OpenAPI document: no script from elsewhere.
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function schemaText(schema) {
  if (!schema) return "";
  if (schema.anyOf) return schema.anyOf.map(schemaText).filter((t) => t !== "null").join(" | ");
  if (schema.enum) return schema.enum.join(" | ");
  return schema.type || (schema.$ref || "").split("/").pop();
}

async function main() {
  const spec = await (await fetch("/openapi.json")).json();
  const root = document.getElementById("docs");
  root.replaceChildren(el("p", { class: "desc" }, spec.info.description || ""));
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const section = el("section", {}, el("h2", {}, el("span", { class: "method " + method }, method.toUpperCase()), path));
      if (op.summary) section.append(el("p", {}, el("strong", {}, op.summary)));
      if (op.description) section.append(el("p", { class: "desc" }, op.description));
      const params = op.parameters || [];
      if (params.length) {
        section.append(el("table", {}, el("tr", {}, el("th", {}, "parameter"), el("th", {}, "in"), el("th", {}, "type"), el("th", {}, "")),
          params.map((p) => el("tr", {}, el("td", {}, el("code", {}, p.name)), el("td", {}, p.in),
            el("td", {}, schemaText(p.schema)), el("td", {}, p.description || (p.schema && p.schema.description) || "")))));
      }
      if (op.requestBody) section.append(el("p", {}, "Body: JSON ", el("code", {}, schemaText(op.requestBody.content["application/json"].schema))));
      root.append(section);
    }
  }
}

main();
