/**
 * AI code review on pull requests with Claude Code's GitHub Action (the design names Claude Code). The
 * caller passes the ANTHROPIC_API_KEY secret (an Anthropic API key; in the caller: `secrets: inherit` or
 * `ANTHROPIC_API_KEY: ${{ secrets.ANTHROPIC_API_KEY }}`); without it the job says so and passes. The review
 * is advisory: comments on the pull request, never a required check.
 * https://github.com/anthropics/claude-code-action
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${{ ... }}" here is GitHub Actions expression syntax, not a template.
import { uses } from "./actions.ts";
import { HOSTED_RUNNER } from "./infrastructure-workflow.ts";
import type { Job } from "./workflow-types.ts";

const REVIEW_PROMPT = [
  "Review this pull request of a service on the Plugilo platform's golden path.",
  "Look for bugs, security problems (secrets, injection, authentication), missing tests and breaking API or schema changes.",
  "A schema change must come as a new migration file; an existing migration must not change.",
  "Comment inline where a change is needed; be brief and concrete.",
].join(" ");

export function aiReviewJob(): Job {
  return {
    name: "AI review (Claude Code, pull requests)",
    if: "github.event_name == 'pull_request'",
    "runs-on": HOSTED_RUNNER,
    "timeout-minutes": 20,
    // github_token is passed, so the action needs no OIDC token (its GitHub App exchange is not used).
    permissions: { contents: "read", "pull-requests": "write", issues: "write" },
    env: { ANTHROPIC_API_KEY: "${{ secrets.ANTHROPIC_API_KEY }}" },
    steps: [
      {
        name: "Check out",
        if: "env.ANTHROPIC_API_KEY != ''",
        uses: uses("checkout"),
        with: { "fetch-depth": 1, "persist-credentials": false },
      },
      {
        name: "Claude Code review",
        if: "env.ANTHROPIC_API_KEY != ''",
        uses: uses("claudeCode"),
        with: {
          anthropic_api_key: "${{ secrets.ANTHROPIC_API_KEY }}",
          github_token: "${{ github.token }}",
          prompt: REVIEW_PROMPT,
          claude_args: "--max-turns 10",
        },
      },
      {
        name: "AI review not configured",
        if: "env.ANTHROPIC_API_KEY == ''",
        run: 'echo "::notice::ANTHROPIC_API_KEY is not set: no AI review"',
      },
    ],
  };
}
