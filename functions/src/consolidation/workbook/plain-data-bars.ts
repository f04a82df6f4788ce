import { createRequire } from "node:module";

/**
 * exceljs writes each data bar as the Excel 2007 rule plus a reference
 * (`<extLst><ext><x14:id/>`) to an Excel 2010 extension rule that its
 * in-memory writer adds at the end of the sheet, but its streaming writer
 * never writes: the reference would point at nothing (and is empty). This
 * renders the 2007 rule alone, which Excel and LibreOffice draw as a
 * gradient bar. Applied once, when the consolidated workbook's writer loads.
 */
interface XmlStream {
  openNode(tag: string, attributes: Record<string, unknown>): void;
  closeNode(): void;
}
interface CfRuleXform {
  tag: string;
  databarXform: { render(xmlStream: XmlStream, model: unknown): void };
}

const load = createRequire(__filename);
const cfRuleXform = load("exceljs/lib/xlsx/xform/sheet/cf/cf-rule-xform.js") as {
  prototype: {
    renderDataBar: (this: CfRuleXform, xmlStream: XmlStream, model: { priority: number }) => void;
  };
};
cfRuleXform.prototype.renderDataBar = function (xmlStream, model) {
  xmlStream.openNode(this.tag, { type: "dataBar", priority: model.priority });
  this.databarXform.render(xmlStream, model);
  xmlStream.closeNode();
};
