import type { Rules } from "@smartcity/shared";

export interface Publication {
  rules: Rules;
  approval: { reference: string; date: string };
  note: string;
}

/**
 * Publishes a ruleset as an admin client does: read the ETag of the version in force, then
 * POST /api/rulesets with it as If-Match. Returns the raw response for the test to check.
 */
export async function publishOverHttp(
  apiUrl: string,
  adminToken: string,
  publication: Publication
): Promise<Response> {
  const current = await fetch(`${apiUrl}/api/rulesets/current`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  return fetch(`${apiUrl}/api/rulesets`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${adminToken}`,
      "content-type": "application/json",
      "if-match": current.headers.get("etag") ?? "",
    },
    body: JSON.stringify(publication),
  });
}
