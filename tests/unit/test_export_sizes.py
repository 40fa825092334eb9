"""Export page sizes: pixel maths and limits (pure)."""

import pytest

from app.export import sizes


@pytest.mark.parametrize("size,dpi,expected", [
    ("single", 300, (round(85 / 25.4 * 300), round(130 / 25.4 * 300))),
    ("double", 600, (round(175 / 25.4 * 600), round(125 / 25.4 * 600))),
])
def test_pixels_are_mm_over_25_4_times_dpi(size, dpi, expected):
    assert sizes.page_size(size).pixels(dpi) == expected
    assert sizes.px(85, 300) == 1004


def test_slide_is_16_by_9():
    page = sizes.page_size("slide")
    assert page.width_mm / page.height_mm == pytest.approx(16 / 9, rel=1e-4)


def test_custom_needs_both_sides_and_limits():
    assert sizes.page_size("custom", 100, 70).width_css == pytest.approx(100 / 25.4 * 96)
    with pytest.raises(sizes.SizeError) as err:
        sizes.page_size("custom", 100, None)
    assert err.value.parameter == "height_mm"
    with pytest.raises(sizes.SizeError) as err:
        sizes.page_size("custom", 5000, 100)
    assert err.value.parameter == "width_mm"
    with pytest.raises(sizes.SizeError) as err:
        sizes.page_size("poster")
    assert err.value.parameter == "size"


def test_oversized_png_is_refused():
    big = sizes.page_size("custom", 590, 590)
    with pytest.raises(sizes.SizeError) as err:
        sizes.check_pixels(big, 600)
    assert err.value.parameter == "dpi"
    with pytest.raises(sizes.SizeError):
        sizes.check_pixels(sizes.page_size("single"), 150)


def test_parse_mm_rejects_text_and_nan():
    assert sizes.parse_mm("width_mm", "120.5") == 120.5
    assert sizes.parse_mm("width_mm", None) is None
    for bad in ("abc", "nan", "inf"):
        with pytest.raises(sizes.SizeError):
            sizes.parse_mm("width_mm", bad)
