import type { LocalizedText } from "../text/localized-text";

/**
 * The criteria as approved at committee meeting 3/2561 (27 September 2018).
 * These are the product's canonical ids; a ruleset carries its own copy of the
 * names, so a later ruleset can rename, add or drop entries without a code change.
 */

export const DIMENSION_IDS = [
  "living",
  "people",
  "energy",
  "mobility",
  "economy",
  "governance",
  "environment",
] as const;
export type BaselineDimensionId = (typeof DIMENSION_IDS)[number];

export const PRELIMINARY_CRITERION_IDS = [
  "juristicPerson",
  "developmentPlan",
  "leadershipCommitment",
  "publicCooperation",
  "monitoringEvaluation",
] as const;
export type BaselineCriterionId = (typeof PRELIMINARY_CRITERION_IDS)[number];

export interface DimensionDefinition {
  id: BaselineDimensionId;
  name: LocalizedText;
  attributes: LocalizedText[];
}

export interface CriterionDefinition {
  id: BaselineCriterionId;
  /** A short label, fit for a column header. */
  name: LocalizedText;
  /** The criterion as the circular states it. */
  description: LocalizedText;
}

export const DIMENSIONS: readonly DimensionDefinition[] = [
  {
    id: "living",
    name: { th: "ชุมชนอัจฉริยะ", en: "Smart Living" },
    attributes: [
      { th: "ประชาชนมีสุขภาพดี", en: "healthy people" },
      { th: "เมืองปลอดภัย", en: "safe city" },
      { th: "สิ่งอำนวยความสะดวกรอบตัว", en: "amenities close at hand" },
    ],
  },
  {
    id: "people",
    name: { th: "ประชากรอัจฉริยะ", en: "Smart People" },
    attributes: [
      { th: "พลเมืองมีความรู้และสามารถประยุกต์ใช้เทคโนโลยี", en: "citizens who know and apply technology" },
      {
        th: "สภาพแวดล้อมที่ส่งเสริมความคิดสร้างสรรค์และการเรียนรู้ที่ไม่สิ้นสุด",
        en: "surroundings for creativity and lifelong learning",
      },
      { th: "การอยู่ร่วมกันด้วยความหลากหลายทางสังคม", en: "living together in social diversity" },
    ],
  },
  {
    id: "energy",
    name: { th: "พลังงานอัจฉริยะ", en: "Smart Energy" },
    attributes: [
      { th: "ประสิทธิภาพการใช้พลังงาน", en: "energy efficiency" },
      { th: "พลังงานทางเลือก", en: "alternative energy" },
    ],
  },
  {
    id: "mobility",
    name: { th: "คมนาคมอัจฉริยะ", en: "Smart Mobility" },
    attributes: [
      { th: "ความสามารถในการเข้าถึงระบบขนส่งมวลชน", en: "access to mass transit" },
      { th: "การเดินทางสะดวกปลอดภัย", en: "convenient, safe travel" },
      { th: "ประสิทธิภาพการจัดการระบบโลจิสติกส์", en: "efficient logistics" },
      {
        th: "การแบ่งปันและการใช้ยานพาหนะประหยัดพลังงาน",
        en: "vehicle sharing and energy-saving vehicles",
      },
    ],
  },
  {
    id: "economy",
    name: { th: "เศรษฐกิจอัจฉริยะ", en: "Smart Economy" },
    attributes: [
      { th: "ประสิทธิภาพและความคล่องตัวในการดำเนินธุรกิจ", en: "efficient, agile business" },
      { th: "เกิดความเชื่อมโยงและความร่วมมือทางธุรกิจ", en: "business links and cooperation" },
      { th: "ประยุกต์ใช้นวัตกรรมในการพัฒนาปรับเปลี่ยนธุรกิจ", en: "innovation that transforms business" },
    ],
  },
  {
    id: "governance",
    name: { th: "การบริหารจัดการเมืองอัจฉริยะ", en: "Smart Governance" },
    attributes: [
      { th: "เข้าถึงบริการภาครัฐ", en: "access to public services" },
      { th: "พลเมืองมีส่วนร่วม", en: "citizen participation" },
      { th: "โปร่งใสตรวจสอบได้", en: "transparent and accountable" },
    ],
  },
  {
    id: "environment",
    name: { th: "สิ่งแวดล้อมอัจฉริยะ", en: "Smart Environment" },
    attributes: [
      { th: "ดูแลรักษาทรัพยากร", en: "resource care" },
      { th: "การจัดการมลพิษ", en: "pollution management" },
      { th: "การรักษาสมดุลจากการพัฒนาเมือง", en: "balance with urban development" },
      {
        th: "ประสิทธิภาพการบริหารจัดการและการติดตามสถานะแวดล้อม",
        en: "efficient environmental management and monitoring",
      },
    ],
  },
];

export const PRELIMINARY_CRITERIA: readonly CriterionDefinition[] = [
  {
    id: "juristicPerson",
    name: { th: "เป็นนิติบุคคล", en: "Juristic person" },
    description: {
      th: "ผู้มีสิทธิยื่นเพื่อรับการพิจารณา จะต้องเป็นนิติบุคคล",
      en: "the applicant is a juristic person",
    },
  },
  {
    id: "developmentPlan",
    name: { th: "แผนการพัฒนาที่ชัดเจน", en: "Development plan" },
    description: { th: "มีแผนการพัฒนาที่ชัดเจน", en: "it has a clear development plan" },
  },
  {
    id: "leadershipCommitment",
    name: { th: "ผู้นำให้ความสำคัญ", en: "Leadership commitment" },
    description: {
      th: "ผู้นำชุมชน/พื้นที่ให้ความสำคัญในเรื่องดังกล่าว",
      en: "community/area leaders give it priority",
    },
  },
  {
    id: "publicCooperation",
    name: { th: "ความร่วมมือจากประชาชน", en: "Public cooperation" },
    description: { th: "ได้รับความร่วมมือจากประชาชนในพื้นที่", en: "local people cooperate" },
  },
  {
    id: "monitoringEvaluation",
    name: { th: "การติดตามและประเมินผล", en: "Monitoring and evaluation" },
    description: {
      th: "มีการติดตามและประเมินผลอย่างใกล้ชิด",
      en: "there is close monitoring and evaluation",
    },
  },
];
