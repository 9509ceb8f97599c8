import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("README", () => {
  it("lists the mock's named examples exactly as the bundled spec has them (run `node scripts/docs.mjs --update-readme`)", () => {
    const generated = execFileSync(process.execPath, ["scripts/docs.mjs", "--examples-md", "--no-bundle"], {
      cwd: root,
      encoding: "utf8",
    }).trim();
    const readme = readFileSync(`${root}docs/mock.md`, "utf8");
    const section = readme.slice(
      readme.indexOf("<!-- BEGIN mock-and-docs -->"),
      readme.indexOf("<!-- END mock-and-docs -->"),
    );
    expect(generated.length).toBeGreaterThan(1000);
    expect(section).toContain(generated);
  });

  it("states the test command that .ci/run runs", () => {
    const readme = readFileSync(`${root}README.md`, "utf8");
    const ci = readFileSync(`${root}.ci/run`, "utf8");
    const command = "npm ci && npm test";
    expect(readme).toContain(command);
    expect(ci.split("\n")).toContain(command);
  });

  it("states the command that sets up and runs the emulator and the docs", () => {
    expect(readFileSync(`${root}README.md`, "utf8")).toContain("npm ci && npm start");
  });
});

// The README travels alone (the npm package and npmjs.com show it without the repository), so its links into the
// repository are absolute GitHub URLs; the other pages live only in the repository and link relatively.
const repository = (
  JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { repository: { url: string } }
).repository.url
  .replace(/^git\+/, "")
  .replace(/\.git$/, "");
const pages = [
  "README.md",
  "CONTRIBUTING.md",
  ...readdirSync(`${root}docs`)
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** The text of a page without code: a `[x](y)` or a `# heading` inside a code block or span is not one. */
function prose(file: string): string {
  return readFileSync(join(root, file), "utf8")
    .replace(/^```[\s\S]*?^```/gm, "")
    .replace(/`[^`\n]*`/g, (code) => code.replace(/[[\]()#]/g, " "));
}

/** The anchors GitHub gives a page's headings (github-slugger: lower case, punctuation dropped, spaces to `-`). */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const text = readFileSync(join(root, file), "utf8").replace(/^```[\s\S]*?^```/gm, "");
  for (const [, heading] of text.matchAll(/^#{1,6} +(.+?) *#* *$/gm)) {
    const slug = heading!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, "")
      .replace(/ /g, "-");
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

/** Every link target of a page: `[text](target)`, titles left out. */
function links(file: string): string[] {
  return [...prose(file).matchAll(/\]\(([^)\s]+)(?: "[^"]*")?\)/g)].map((m) => m[1]!);
}

/** Where a link of `page` points in the repository (`path#fragment`), undefined for another site. */
function target(page: string, link: string): string | undefined {
  if (link.startsWith(`${repository}/`)) {
    const path = link.slice(repository.length + 1).match(/^(?:blob|tree)\/main\/(.*)$/)?.[1];
    if (path === undefined) throw new Error(`${link}: not a /blob/main/ or /tree/main/ link`);
    return path;
  }
  if (/^[a-z]+:/i.test(link)) return undefined;
  if (link.startsWith("#")) return `${page}${link}`;
  return relative(root, join(root, dirname(page), link));
}

describe("links between README.md, CONTRIBUTING.md and docs/*.md", () => {
  it("finds the pages and their links", () => {
    expect(pages).toEqual(
      expect.arrayContaining(["docs/drift.md", "docs/emulator.md", "docs/upstream.md", "docs/mock.md"]),
    );
    expect(pages.flatMap(links).length).toBeGreaterThan(40);
  });

  for (const page of pages) {
    it(`${page}: every link into the repository reaches a file, and a #fragment one of its headings`, () => {
      const broken: string[] = [];
      for (const link of links(page)) {
        let where: string | undefined;
        try {
          where = target(page, link);
        } catch (error) {
          broken.push((error as Error).message);
        }
        if (where === undefined) continue;
        const [path, fragment] = where.split("#") as [string, string | undefined];
        if (!existsSync(join(root, path))) broken.push(`${link}: ${path} does not exist`);
        else if (fragment !== undefined && (!path.endsWith(".md") || !anchors(path).has(fragment))) {
          broken.push(`${link}: ${path} has no heading #${fragment}`);
        }
      }
      expect(broken).toEqual([]);
    });
  }

  it("README.md links into the repository only with absolute URLs, which work where it is read without the repository", () => {
    const relativeLinks = links("README.md").filter((l) => !/^[a-z]+:/i.test(l) && !l.startsWith("#"));
    expect(relativeLinks).toEqual([]);
  });
});
