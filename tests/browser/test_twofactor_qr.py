"""The two-step login's QR code renders in the browser and encodes the otpauth URI.

No QR decoder is installed: the image as Chromium drew it is read back module by
module from a canvas and compared with the QR symbol of the URI the page's key makes
(segno is deterministic: same text, same error level, same symbol). A different or
broken image (one the browser cannot draw has no size) fails.
"""

from __future__ import annotations

import os

import pytest

try:
    from playwright.sync_api import Page, expect
except ImportError:  # skipped on a developer's machine without it, an error in CI
    if os.environ.get("CI"):
        raise
    pytest.skip("the playwright package is not installed", allow_module_level=True)

pytestmark = pytest.mark.browser

STAFF = ("konsultan.kelembagaan@jejaring.example", "demo-konsultan-2026")

# Dark (1) or light (0) at the centre of each of n × n cells of the drawn image.
_MODULES = """([img, n]) => {
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0);
  const cell = canvas.width / n;
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const rows = [];
  for (let y = 0; y < n; y++) {
    const row = [];
    for (let x = 0; x < n; x++) {
      const px = Math.floor((x + .5) * cell), py = Math.floor((y + .5) * cell);
      const i = (py * canvas.width + px) * 4;
      row.push((data[i] + data[i + 1] + data[i + 2]) / 3 < 128 ? 1 : 0);
    }
    rows.push(row);
  }
  return rows;
}"""


def test_the_setup_qr_code_renders_and_encodes_the_otpauth_uri(page: Page) -> None:
    import pyotp
    import segno

    from web.services.twofactor import ISSUER

    page.goto("/login")
    page.locator("#email").fill(STAFF[0])
    page.locator("#password").fill(STAFF[1])
    page.locator("main form button[type=submit]").click()
    expect(page.locator("form[action$='/logout']")).to_have_count(1)
    page.goto("/account/2fa")

    image = page.get_by_role("img", name="Kode QR untuk aplikasi autentikator")
    expect(image).to_be_visible()
    page.wait_for_function("img => img.complete", arg=image.element_handle())
    size = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert size[0] > 0 and size[0] == size[1], f"the QR image does not render: {size}"
    box = image.bounding_box()
    assert box and box["width"] >= 150, box

    secret = page.locator("main code").inner_text().strip()
    uri = pyotp.TOTP(secret).provisioning_uri(name=STAFF[0], issuer_name=ISSUER)
    expected = segno.make(uri, error="m")
    border = 4
    cells = expected.symbol_size(scale=1, border=border)[0]
    drawn = page.evaluate(_MODULES, [image.element_handle(), cells])
    want = [[0] * cells for _ in range(border)]
    want += [[0] * border + [int(bool(m)) for m in row] + [0] * border for row in expected.matrix]
    want += [[0] * cells for _ in range(border)]
    assert drawn == want, "the QR code drawn is not the symbol of " + uri
