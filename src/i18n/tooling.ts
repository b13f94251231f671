/** Lines printed by the project's own npm scripts (`npm start`, `npm run validate`), in Mongolian (default) and English. */

export const TOOLING_TEXT = {
  mn: {
    startUnsupported: (platform: string) =>
      `${platform} дээр Excel desktop байхгүй тул нэмэлтийг ачаалж чадахгүй: \`npm run preview\` (Excel-гүйгээр хөтчид) эсвэл Excel on the web-д \`npm run dev-server\`, дараа нь manifest.xml-ийг «Upload My Add-in»-ээр оруулна уу (README).`,
    validateOffline:
      'Microsoft-ын манифест шалгах үйлчилгээнд холбогдсонгүй (сүлжээгүй): manifest.xml-ийг зөвхөн дотооддоо шалгалаа.',
    validateLocalOk:
      'manifest.xml: XML зөв, шаардлагатай элементүүд, ReadWriteDocument эрх, ExcelApi хувилбар — бүгд зөв.',
    validateLocalFailed: (n: number) => `manifest.xml: ${n} алдаа олдлоо:`,
  },
  en: {
    startUnsupported: (platform: string) =>
      `Excel desktop does not exist on ${platform}, so the add-in cannot be sideloaded here: use \`npm run preview\` (in a browser, no Excel) or Excel on the web with \`npm run dev-server\` and manifest.xml through «Upload My Add-in» (README).`,
    validateOffline:
      "Microsoft's manifest validation service could not be reached (offline): manifest.xml was checked locally only.",
    validateLocalOk:
      'manifest.xml: well-formed, required elements present, ReadWriteDocument, ExcelApi version — all correct.',
    validateLocalFailed: (n: number) => `manifest.xml: ${n} problem(s):`,
  },
};

export function toolingLang(): 'mn' | 'en' {
  return process.env.NDPLAN_LANG === 'en' ? 'en' : 'mn';
}
