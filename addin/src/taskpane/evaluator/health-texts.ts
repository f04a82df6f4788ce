/**
 * The words of the functions' health check and the recalculation (health-view.ts), in Thai
 * without English words and in English. Function names are written as in a formula
 * (SMARTCITY.SCORE), Excel's error values as Excel shows them; folder paths are not words and
 * are marked as having no language where they are shown.
 */
const fn = (id: string) => `SMARTCITY.${id}`;

export const HEALTH_TEXTS = {
  en: {
    heading: "Functions in Excel",
    upToDate: "Up to date: Excel runs this version's functions.",
    excelStale:
      "Excel holds the functions of an earlier version: reload them (below), or new arguments are ignored.",
    servedDiffers:
      "The site now serves other functions than this pane was built with: reload the add-in (below).",
    runtimeFailed:
      "The functions did not start in Excel: cells show #NAME?. Reload the add-in (below).",
    unknown: "Could not check the functions the site serves; try again.",
    registered: (count: number, of: number) =>
      `Functions registered with Excel: ${count} of ${of}.`,
    noRuntime: "No functions runtime here (outside Excel).",
    runtimeMissing: "Excel's functions runtime is missing.",
    servedSame: "The functions the site serves are this version's.",
    servedOther: (ids: string[]) =>
      `The site serves these functions otherwise: ${ids.map(fn).join(", ")}.`,
    servedUnreadable: "The functions the site serves could not be read.",
    callsMatch: (count: number) =>
      `${count} ${count === 1 ? "formula was" : "formulas were"} calculated with this version's arguments.`,
    noCalls: "No formula calculated yet since the add-in started: recalculate to check.",
    staleCall: (name: string | undefined, addresses: number, parameters: number) =>
      `${name ? fn(name.replace(/^SMARTCITY\./i, "")) : "A formula"} came with ${addresses} ${
        addresses === 1 ? "argument" : "arguments"
      }; this version has ${parameters}.`,
    checkAgain: "Check again",
    reloadSteps: "How to reload the functions in Excel",
    windows: "Windows",
    windowsAuto:
      "File › Options › Trust Center › Trust Center Settings › Trusted Add-in Catalogs: tick “Next time Office starts, clear all previously-started web add-ins cache”, OK, then close and reopen Excel.",
    windowsManual: "Or close Excel and delete what this folder holds:",
    mac: "Mac",
    macManual: "Close Excel and delete what these folders hold:",
    web: "Excel on the web",
    webSteps:
      "Clear the browser's cached files for this add-in's site, then reload the workbook's page.",
    afterReload: "Then open the workbook again; if the add-in is gone, add it again.",
    recalc: "Recalculate the scoring cells",
    unsupported: (requirement: string) =>
      `This Excel cannot recalculate single cells (it lacks ${requirement}): recalculate the whole workbook from the Formulas tab (Calculate Now).`,
    recalculating: "Recalculating…",
    recalculated: (count: number) =>
      `${count} ${count === 1 ? "cell" : "cells"} with scoring functions recalculated.`,
    waiting: (busy: number) => `Waiting for ${busy} ${busy === 1 ? "cell" : "cells"}…`,
    allSettled: "All settled: no cell is busy.",
    stillBusy: (busy: number) =>
      `${busy} ${busy === 1 ? "cell is" : "cells are"} still busy (#BUSY!): reload the add-in if ${
        busy === 1 ? "it stays" : "they stay"
      } so.`,
    recalcFailed: "The recalculation failed:",
  },
  th: {
    heading: "ฟังก์ชันใน Excel",
    upToDate: "เป็นปัจจุบัน: Excel ใช้ฟังก์ชันของรุ่นนี้",
    excelStale: "Excel ยังใช้ข้อมูลฟังก์ชันของรุ่นก่อน: โปรดโหลดใหม่ (ดูด้านล่าง) มิฉะนั้นอาร์กิวเมนต์ใหม่จะไม่ถูกใช้",
    servedDiffers: "เว็บไซต์ของโปรแกรมเสริมให้ฟังก์ชันต่างจากที่หน้านี้สร้างไว้: โปรดโหลดโปรแกรมเสริมใหม่ (ดูด้านล่าง)",
    runtimeFailed: "ฟังก์ชันไม่ได้เริ่มทำงานใน Excel: เซลล์จะแสดง #NAME? โปรดโหลดโปรแกรมเสริมใหม่ (ดูด้านล่าง)",
    unknown: "ตรวจฟังก์ชันที่เว็บไซต์ให้ไม่ได้ โปรดลองอีกครั้ง",
    registered: (count: number, of: number) => `ฟังก์ชันที่ลงทะเบียนกับ Excel: ${count} จาก ${of}`,
    noRuntime: "ไม่มีส่วนทำงานของฟังก์ชันที่นี่ (เปิดนอก Excel)",
    runtimeMissing: "ไม่พบส่วนทำงานของฟังก์ชันใน Excel",
    servedSame: "ฟังก์ชันที่เว็บไซต์ให้ตรงกับรุ่นนี้",
    servedOther: (ids: string[]) => `เว็บไซต์ให้ฟังก์ชันเหล่านี้ต่างไป: ${ids.map(fn).join(", ")}`,
    servedUnreadable: "อ่านฟังก์ชันที่เว็บไซต์ให้ไม่ได้",
    callsMatch: (count: number) => `คำนวณสูตรด้วยอาร์กิวเมนต์ของรุ่นนี้แล้ว ${count} ครั้ง`,
    noCalls: "ยังไม่มีสูตรที่คำนวณตั้งแต่โปรแกรมเสริมเริ่มทำงาน: กดคำนวณใหม่เพื่อตรวจ",
    staleCall: (name: string | undefined, addresses: number, parameters: number) =>
      `${name ? fn(name.replace(/^SMARTCITY\./i, "")) : "สูตรหนึ่ง"} ได้รับอาร์กิวเมนต์ ${addresses} ตัว แต่รุ่นนี้มี ${parameters} ตัว`,
    checkAgain: "ตรวจอีกครั้ง",
    reloadSteps: "วิธีโหลดฟังก์ชันใหม่ใน Excel",
    windows: "วินโดวส์",
    windowsAuto:
      "ไฟล์ › ตัวเลือก › ศูนย์ความเชื่อถือ › การตั้งค่าศูนย์ความเชื่อถือ › แค็ตตาล็อกโปรแกรมเสริมที่เชื่อถือได้: เลือก “ล้างแคชของโปรแกรมเสริมบนเว็บทั้งหมดเมื่อเริ่มโปรแกรมครั้งถัดไป” กดตกลง แล้วปิดและเปิด Excel ใหม่",
    windowsManual: "หรือปิด Excel แล้วลบทุกอย่างในโฟลเดอร์นี้:",
    mac: "แมค",
    macManual: "ปิด Excel แล้วลบทุกอย่างในโฟลเดอร์เหล่านี้:",
    web: "Excel บนเว็บ",
    webSteps: "ล้างไฟล์แคชของเบราว์เซอร์สำหรับเว็บไซต์ของโปรแกรมเสริมนี้ แล้วโหลดหน้าสมุดงานใหม่",
    afterReload: "จากนั้นเปิดสมุดงานอีกครั้ง ถ้าโปรแกรมเสริมหายไป ให้เพิ่มใหม่",
    recalc: "คำนวณเซลล์ที่ใช้ฟังก์ชันประเมินใหม่",
    unsupported: () => "Excel รุ่นนี้คำนวณใหม่เฉพาะบางเซลล์ไม่ได้: โปรดสั่งคำนวณใหม่ทั้งสมุดงานจากแท็บสูตร",
    recalculating: "กำลังคำนวณใหม่…",
    recalculated: (count: number) => `คำนวณเซลล์ที่ใช้ฟังก์ชันประเมินใหม่แล้ว ${count} เซลล์`,
    waiting: (busy: number) => `กำลังรอ ${busy} เซลล์…`,
    allSettled: "คำนวณเสร็จทุกเซลล์ ไม่มีเซลล์ที่ค้าง",
    stillBusy: (busy: number) =>
      `ยังคำนวณไม่เสร็จ ${busy} เซลล์ (#BUSY!): ถ้ายังค้างอยู่ โปรดโหลดโปรแกรมเสริมใหม่`,
    recalcFailed: "คำนวณใหม่ไม่สำเร็จ:",
  },
};

export type HealthTexts = (typeof HEALTH_TEXTS)["en"];
