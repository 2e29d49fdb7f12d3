import { describe, expect, it } from "vitest";
import {
  allowedType,
  checkMedia,
  MMS_MAX_BYTES,
  safeFileName,
  sniffImageType,
} from "../../../src/core/media/media-rules.js";

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100)]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
const HEIC = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypheic"), Buffer.alloc(100)]);
const PDF = Buffer.from("%PDF-1.7\n...");
const VCARD = Buffer.from("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\nEND:VCARD\r\n");

describe("which files travel", () => {
  it.each([
    ["image/jpeg", JPEG],
    ["image/JPEG; charset=binary", JPEG],
    ["image/jpg", JPEG],
    ["image/png", PNG],
    ["image/heic", HEIC],
    ["application/pdf", PDF],
    ["text/x-vcard", VCARD],
  ])("%s whose bytes are one is accepted", (type, bytes) => {
    expect(checkMedia(type, bytes, MMS_MAX_BYTES).ok).toBe(true);
  });

  it.each([
    ["image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg"/>'],
    ["text/html", "<html><script>alert(1)</script></html>"],
    ["application/javascript", "alert(1)"],
    ["application/octet-stream", "\u0000\u0001"],
    [undefined, "x"],
  ])("%s is refused, whatever its bytes", (type, text) => {
    const verdict = checkMedia(type, Buffer.from(text), MMS_MAX_BYTES);
    expect(verdict).toMatchObject({ ok: false, why: expect.stringMatching(/not allowed/) });
  });

  it("a file labelled as a picture whose bytes are a web page is refused", () => {
    const verdict = checkMedia("image/png", Buffer.from("<html><body>hi</body></html>"), MMS_MAX_BYTES);
    expect(verdict).toEqual({ ok: false, why: "the file says it is image/png but its contents are not" });
  });

  it("an empty file and one over the cap are refused, saying the size", () => {
    expect(checkMedia("image/jpeg", Buffer.alloc(0), MMS_MAX_BYTES)).toMatchObject({
      ok: false,
      why: "the file is empty",
    });
    const big = Buffer.concat([JPEG, Buffer.alloc(MMS_MAX_BYTES)]);
    expect(checkMedia("image/jpeg", big, MMS_MAX_BYTES)).toMatchObject({
      ok: false,
      why: expect.stringMatching(/over the 5 MB limit/),
    });
  });

  it("Teams' 'image/*' is read from the bytes", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(JPEG)).toBe("image/jpeg");
    expect(sniffImageType(Buffer.from("<svg/>"))).toBeUndefined();
    expect(allowedType("image/*")).toBeUndefined();
  });

  it("a file name keeps no path or odd characters, and takes the checked type's extension", () => {
    expect(safeFileName("../../etc/passwd.png", "image/png", "x")).toBe("passwd.png");
    expect(safeFileName('walk"around<1>.html', "image/jpeg", "x")).toBe("walk_around_1_.jpg");
    expect(safeFileName(undefined, "application/pdf", "customer-1")).toBe("customer-1.pdf");
  });
});
