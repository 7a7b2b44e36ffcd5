"""Cross-script name keys: the same name in Latin, Cyrillic and Arabic letters meets; others do not."""

import pytest

from retrieval.translit import MIN_KEY, arabic_key_variants, name_key


@pytest.mark.parametrize("latin, cyrillic, arabic", [
    ("Lavrov", "Лавров", "لافروف"),
    ("Bayramov", "Байрамов", "بيراموف"),
    ("Mirzoyan", "Мирзоян", "ميرزويان"),
    ("Pashinyan", "Пашинян", "باشينيان"),
    ("Aliyev", "Алиев", "علييف"),
    ("Zakharova", "Захарова", "زاخاروفا"),
    ("Peskov", "Песков", "بيسكوف"),
    ("Mnatsakanyan", "Мнацаканян", "مناتساكانيان"),
    ("Michel", "Мишель", "ميشيل"),
    ("Blinken", "Блинкен", "بلينكن"),
    ("Minsk", "Минск", "مينسك"),
    ("Yerevan", "Ереван", "يريفان"),
    ("Lachin", "Лачин", "لاتشين"),
    ("Putin", "Путин", "بوتين"),
    ("Ilham", "Ильхам", "إلهام"),
    ("Vladimir", "Владимир", "فلاديمير"),
    ("Rudenko", "Руденко", "رودينكو"),
    ("Erdogan", "Эрдоган", "أردوغان"),
    ("Stepanakert", "Степанакерт", "ستيباناكيرت"),
    # names that appear in no seed article: the mechanism, not a list
    ("Overchuk", "Оверчук", "أوفيرتشوك"),
    ("Khachaturyan", "Хачатурян", "خاتشاتوريان"),
    ("Scholz", "Шольц", "شولتس"),
    ("Denver", "Денвер", "دنفر"),
])
def test_one_name_three_scripts_one_key(latin, cyrillic, arabic):
    keys = {name_key(latin), name_key(cyrillic), name_key(arabic)}
    assert len(keys) == 1 and len(keys.pop()) >= 2


@pytest.mark.parametrize("a, b", [
    ("Lavrov", "Peskov"), ("Aliyev", "Mirzoyan"), ("لافروف", "بيراموف"), ("Minsk", "Moscow"),
    ("Putin", "Pashinyan"),
])
def test_different_names_differ(a, b):
    assert name_key(a) != name_key(b)


def test_diacritics_case_and_punctuation_do_not_matter():
    assert name_key("LAVROV") == name_key("lavrov") == name_key("لافْرُوف")
    assert name_key("Shol'ts") == name_key("Sholts")
    assert name_key("") == name_key("---") == ""


def test_a_proclitic_is_tried_off_and_on():
    # "Jeyhun" has a two-letter key: too short to look up alone, so it is not indexed
    assert len(name_key("Jeyhun")) < MIN_KEY and name_key("Jeyhun") not in arabic_key_variants("وجيهون")
    assert name_key("Lavrov") in arabic_key_variants("ولافروف")
    assert name_key("Lavrov") in arabic_key_variants("لافروف")
