package slug

// romanisation writes in Latin letters the lower-case letters that
// decomposition cannot: Cyrillic, and a few Latin letters whose marks are
// part of the letter.
//
// Russian letters are romanised as by BGN/PCGN (1947), simplified to
// plain ASCII as is usual for names in English text: е and ё are always
// e, й is y, and the hard and soft signs are dropped, so "Организация
// Договора" is "organizatsiya dogovora". The letters that the Cyrillic
// alphabets of Ukrainian, Belarusian, Kazakh, Kyrgyz, Tajik and Uzbek add
// to Russian's have their BGN/PCGN values in those languages, their
// diacritics dropped (ә, ä in Kazakh, is a); where the languages differ,
// the letter of Central Asia wins (ў is o, as in Uzbek, not w as in
// Belarusian), and letters shared with Russian keep their Russian values
// (г is g, not Ukrainian h).
var romanisation = map[rune]string{
	// Russian.
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	// Ukrainian and Belarusian.
	'є': "ye", 'і': "i", 'ї': "yi", 'ґ': "g", 'ў': "o",
	// Kazakh, Kyrgyz, Tajik and Uzbek.
	'ә': "a", 'ғ': "gh", 'қ': "q", 'ң': "ng", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'ҳ': "h", 'ҷ': "j", 'ӣ': "i", 'ӯ': "u",
	// Latin letters with no decomposition.
	'æ': "ae", 'œ': "oe", 'ß': "ss", 'ø': "o", 'ł': "l", 'đ': "d",
	'ð': "d", 'þ': "th", 'ı': "i", 'ħ': "h",
}
