import type { ReasonFacts } from "./evaluation-result";
import type { LocalizedText } from "../text/localized-text";
import { reasonMessages } from "./messages";
import type { Rules } from "./ruleset-schema";

/**
 * The words of a reason, from its facts and the ruleset it was evaluated under: the sentence
 * the service sends with `"messages": "both"`, for a client that asked for `"none"` (the add-in
 * does, to keep answers small). The same `reasonMessages` build both, so there is one set of
 * words. A dimension or criterion the ruleset does not name is shown by its id.
 */
export function reasonText(reason: ReasonFacts, rules: Rules): LocalizedText {
  switch (reason.code) {
    case "PRELIMINARY_NOT_MET":
      return reasonMessages.preliminaryNotMet(
        criterionName(reason.criterion, rules),
        reason.answered === true
      );
    case "TOO_FEW_DIMENSIONS":
      return reasonMessages.tooFewDimensions(
        reason.proposed ?? 0,
        reason.required ?? rules.minDimensions
      );
    case "MANDATORY_DIMENSION_MISSING":
      return reasonMessages.mandatoryDimensionMissing(dimensionName(reason.dimension, rules));
    case "DIMENSION_BELOW_MIN":
      return reasonMessages.dimensionBelowMin(
        dimensionName(reason.dimension, rules),
        reason.minPercent ?? rules.dimensionMinPercent
      )(reason.percent ?? 0);
    case "OVERALL_BELOW_MIN":
      return reasonMessages.overallBelowMin(
        reason.minPercent ?? rules.overallMinPercent,
        reason.source === "subcommittee"
      )(reason.percent ?? 0);
    case "REQUIREMENT_NOT_MET": {
      const group = rules.requirementGroups?.find((entry) => entry.id === reason.group);
      const item = group?.items.find((entry) => entry.id === reason.item);
      return reasonMessages.requirementNotMet(
        group?.name ?? byId(reason.group),
        item?.name ?? byId(reason.item),
        reason.answered === true
      );
    }
  }
}

function byId(id: string | undefined): LocalizedText {
  return { th: String(id), en: String(id) };
}

function dimensionName(id: string | undefined, rules: Rules): LocalizedText {
  const found = rules.dimensions.find((dimension) => dimension.id === id);
  return found?.name ?? { th: String(id), en: String(id) };
}

function criterionName(id: string | undefined, rules: Rules): LocalizedText {
  const found = rules.preliminaryCriteria.find((criterion) => criterion.id === id);
  return found?.name ?? { th: String(id), en: String(id) };
}
