#include "index/document_symbols.h"

#include <gtest/gtest.h>

namespace sohoa::index {
namespace {

TEST(DocumentSymbolsTest, KeepsStandardSymbols) {
  EXPECT_EQ(CorrectSymbol("QĐ-UBND"), "QĐ-UBND");
  EXPECT_EQ(CorrectSymbol("STTTT-BCVT"), "STTTT-BCVT");
  EXPECT_EQ(CorrectSymbol("NĐ-CP"), "NĐ-CP");
}

TEST(DocumentSymbolsTest, CorrectsOneMisreadCapital) {
  EXPECT_EQ(CorrectSymbol("QĐ-STTTI"), "QĐ-STTTT");
  EXPECT_EQ(CorrectSymbol("QĐ-UDND"), "QĐ-UBND");
  EXPECT_EQ(CorrectSymbol("TB-VFUDND"), "TB-VPUBND");    // two of six letters
  EXPECT_EQ(CorrectSymbol("KH-URND"), "KH-UBND");        // a frame's edge took B's lower bowl
  EXPECT_EQ(CorrectSymbol("STLTT-BCVT"), "STTTT-BCVT");  // a T's bar cut by a stamp's edge
  // A speck read as one capital more in a long part; a short part's length is as read.
  EXPECT_EQ(CorrectSymbol("TB-TTPVHCGC"), "TB-TTPVHCC");
  EXPECT_EQ(CorrectSymbol("TB-UBNDD"), "TB-UBNDD");
}

TEST(DocumentSymbolsTest, CorrectsADigitReadForACapital) {
  EXPECT_EQ(CorrectSymbol("C1-UBND"), "CT-UBND");
  EXPECT_EQ(CorrectSymbol("QĐ-U8ND"), "QĐ-UBND");
  // A digit is one confusion like any other: two in a short part are too many.
  EXPECT_EQ(CorrectSymbol("C1-U8N0"), "CT-U8N0");
}

TEST(DocumentSymbolsTest, DropsAThinLetterBesideAStandardPart) {
  EXPECT_EQ(CorrectSymbol("UBND-TTTTI"), "UBND-TTTT");
  EXPECT_EQ(CorrectSymbol("QĐ-IUBND"), "QĐ-UBND");
  // The thin letter read with a mark.
  EXPECT_EQ(CorrectSymbol("UBND-TTTTÍ"), "UBND-TTTT");
  EXPECT_EQ(CorrectSymbol("QĐ-ÌUBND"), "QĐ-UBND");
  EXPECT_EQ(CorrectSymbol("QĐ-STTTT1"), "QĐ-STTTT");
  // Only thin letters, and only where the rest is standard as it stands.
  EXPECT_EQ(CorrectSymbol("TB-UBNDD"), "TB-UBNDD");
  EXPECT_EQ(CorrectSymbol("TB-UBNXI"), "TB-UBNXI");
}

TEST(DocumentSymbolsTest, StandardAbbreviationOfAPart) {
  EXPECT_EQ(StandardAbbreviation("STTTI").value_or("-"), "STTTT");
  EXPECT_EQ(StandardAbbreviation("Qb").value_or("-"), "QĐ");
  EXPECT_EQ(StandardAbbreviation("TTg").value_or("-"), "TTg");
  EXPECT_FALSE(StandardAbbreviation("QNI").has_value());
  EXPECT_FALSE(StandardAbbreviation("Hạ").has_value());
}

TEST(DocumentSymbolsTest, CorrectsDiacriticsOnly) {
  EXPECT_EQ(CorrectSymbol("CT-ÙBND"), "CT-UBND");
  EXPECT_EQ(CorrectSymbol("QD-UBND"), "QĐ-UBND");
}

TEST(DocumentSymbolsTest, KeepsUnknownAndAmbiguousParts) {
  // A body's own abbreviation near no standard one stays as read.
  EXPECT_EQ(CorrectSymbol("QNI-TTKSNB"), "QNI-TTKSNB");
  EXPECT_EQ(CorrectSymbol("KH-ABCXYZ"), "KH-ABCXYZ");
  // Short parts are never changed by a letter: 'TC' is not forced to 'TT' or 'CT'.
  EXPECT_EQ(CorrectSymbol("TX-UBND"), "TX-UBND");
  // A letter OCR does not confuse makes another body's abbreviation: 'TCKT' is no 'TCKH',
  // 'TCCC' no 'TCCB'.
  EXPECT_EQ(CorrectSymbol("BVT-TCKT"), "BVT-TCKT");
  EXPECT_EQ(CorrectSymbol("TCCC"), "TCCC");
}

TEST(DocumentSymbolsTest, DashReadAsALetterSplitsTwoAbbreviations) {
  EXPECT_EQ(CorrectSymbol("STTTTIBCVT"), "STTTT-BCVT");
  EXPECT_EQ(CorrectSymbol("QĐ-UBNDlVHTT"), "QĐ-UBND-VHTT");
  // Only where both sides are standard: a body's own abbreviation with an I stays.
  EXPECT_EQ(CorrectSymbol("UBND-TTKIXY"), "UBND-TTKIXY");
  EXPECT_EQ(CorrectSymbol("UBND-TTTI"), "UBND-TTTT");
}

TEST(DocumentSymbolsTest, LostDashSplitsTwoAbbreviations) {
  EXPECT_EQ(CorrectSymbol("SNVCCVC"), "SNV-CCVC");
  EXPECT_EQ(CorrectSymbol("QĐUBND"), "QĐ-UBND");
  EXPECT_EQ(CorrectSymbol("KH-UBNDVHTT"), "KH-UBND-VHTT");
  // Standard itself: never split ('VP' and 'UBND' are standard too).
  EXPECT_EQ(CorrectSymbol("VPUBND"), "VPUBND");
  // Two short codes run together are as often a body's own.
  EXPECT_EQ(CorrectSymbol("TCTH"), "TCTH");
}

TEST(DocumentSymbolsTest, BodyCodeCutShortCompletedFromTheAgency) {
  const std::string agency = "UBND TỈNH QUẢNG NINH SỞ THÔNG TIN VÀ TRUYỀN THÔNG";
  EXPECT_EQ(CompleteBodyCode("QĐ-ST", agency), "QĐ-STTTT");
  EXPECT_EQ(CompleteBodyCode("QĐ-SN", "SỞ NỘI VỤ"), "QĐ-SNV");
  EXPECT_EQ(CompleteBodyCode("KH-SKH", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"), "KH-SKHĐT");
  // One letter too many, missing or wrong in a part of three letters or more.
  EXPECT_EQ(CompleteBodyCode("KH-UBNBĐ", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"), "KH-UBND");
  EXPECT_EQ(CompleteBodyCode("KH-UDBND", "UBND TỈNH QUẢNG NINH"), "KH-UBND");
  EXPECT_EQ(CompleteBodyCode("QĐ-STTT", agency), "QĐ-STTTT");
  EXPECT_EQ(CompleteBodyCode("QĐ-SNX", "SỞ NỘI VỤ"), "QĐ-SNV");
  EXPECT_EQ(CompleteBodyCode("QĐ-UBNBĐ", "SỞ NỘI VỤ"), "QĐ-UBNBĐ");
  EXPECT_EQ(CompleteBodyCode("QĐ-SX", "SỞ NỘI VỤ"), "QĐ-SX");
  // A whole standard part, a part no abbreviation of the agency starts with, or one two of
  // them start with, stays as read.
  EXPECT_EQ(CompleteBodyCode("QĐ-UBND", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"), "QĐ-UBND");
  EXPECT_EQ(CompleteBodyCode("QĐ-NĐ-UB", "UỶ BAN NHÂN DÂN TỈNH CAO BẰNG"), "QĐ-NĐ-UB");
  EXPECT_EQ(CompleteBodyCode("QĐ-XY", agency), "QĐ-XY");
  EXPECT_EQ(CompleteBodyCode("QĐ-S", "SỞ NỘI VỤ SỞ TÀI CHÍNH"), "QĐ-S");
  EXPECT_EQ(CompleteBodyCode("ST", agency), "ST");
  // Nor is it completed to a type's code: the agency read with an incoming-mail stamp's words
  // over it has the initials of 'CÔNG VĂN', one letter off 'BCV' (its 'T' lost).
  EXPECT_EQ(CompleteBodyCode("STTTT-BCV", "UBND TỈNH CÔNG VĂN ĐẾN SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
            "STTTT-BCV");
  EXPECT_EQ(CompleteBodyCode("STTTT-BCV", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG BƯU CHÍNH VIỄN THÔNG"),
            "STTTT-BCVT");
}

// A stamp's ink over the part's end makes OCR read letters no symbol has, or a digit among
// its capitals: the part is cut short there. 'UB' and 'UBND' both start with 'U' and both are
// initials of the agency's words in a row: the one body's whole code stands.
TEST(DocumentSymbolsTest, BodyCodeGarbledAtItsEndCompletedFromItsCleanStart) {
  const std::string city = "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG TRIỀU";
  EXPECT_EQ(CompleteBodyCode("QĐ-UÈÑ", city), "QĐ-UBND");
  EXPECT_EQ(CompleteBodyCode("QĐ-U", city), "QĐ-UBND");
  // Four clean letters need no agency: the agency line is garbled by the same stamp.
  EXPECT_EQ(CompleteBodyCode("TB-VPUB1Y", "BND TỈNH QUẢNG NI CÔNG"), "TB-VPUBND");
  // Fewer do, and a clean part of four letters is no garbled one.
  EXPECT_EQ(CompleteBodyCode("TB-VPÈ", "BND TỈNH QUẢNG NI CÔNG"), "TB-VPÈ");
  EXPECT_EQ(CompleteBodyCode("TB-VPUB", "BND TỈNH QUẢNG NI CÔNG"), "TB-VPUB");
  // Digits closing a part are no garbling; nothing garbled before the first character.
  EXPECT_EQ(CompleteBodyCode("BC-BCĐ389", city), "BC-BCĐ389");
  EXPECT_EQ(CompleteBodyCode("QĐ-ÈÑ", city), "QĐ-ÈÑ");
}

TEST(DocumentSymbolsTest, BodyCodeCutShortCompletedFromTheDocumentsText) {
  const std::string text =
      "Nơi nhận:\n- Như trên;\n- Lưu: VT, TTKSNB.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n";
  EXPECT_EQ(CompleteBodyCodeFromText("QNI-TTKS", text), "QNI-TTKSNB");
  EXPECT_EQ(CompleteBodyCodeFromText("STTTT-BCV", "- Lưu: VT, BCVT."), "STTTT-BCVT");
  EXPECT_EQ(CompleteBodyCodeFromText("QĐ-SKH", "Lưu: VT, SKHĐT."), "QĐ-SKHĐT");
  // The text holds the number as read.
  EXPECT_EQ(CompleteBodyCodeFromText("QNI-TTKS", "Số: 955/QNI-TTKS\n" + text), "QNI-TTKSNB");
  // A part the text has whole, a standard one, a part two words start with, or one only a
  // word in capitals with diacritics ('THÔNG') starts with, stays as read.
  EXPECT_EQ(CompleteBodyCodeFromText("QNI-TTKS", "955/QNI-TTKS " + text + "TTKS"), "QNI-TTKS");
  EXPECT_EQ(CompleteBodyCodeFromText("QĐ-UBND", "Lưu: VT, UBNDX."), "QĐ-UBND");
  EXPECT_EQ(CompleteBodyCodeFromText("QNI-TTKS", text + "TTKSXY"), "QNI-TTKS");
  EXPECT_EQ(CompleteBodyCodeFromText("STTTT-TH", "SỞ THÔNG TIN"), "STTTT-TH");
  EXPECT_EQ(CompleteBodyCodeFromText("TTKS", text), "TTKS");
}

// A stamp frame's upright edge through the part's last letter left its stroke, read 'I': the
// rest is completed from the 'Lưu:' line, and only there ('TTKSNB' in the body would not do).
TEST(DocumentSymbolsTest, LastLetterCutToAStrokeCompletedFromTheFilingLine) {
  EXPECT_EQ(CompleteBodyCodeFromText("QNI-TTI", "- UBND tỉnh;\n- Lưu: VT, TTKSNB.\n"),
            "QNI-TTKSNB");
  EXPECT_EQ(CompleteBodyCodeFromText("QNI-TTI", "Phòng TTKSNB\n- Lưu: VT.\n"), "QNI-TTI");
  // Not a thin letter, or two units on the line starting with the rest.
  EXPECT_EQ(CompleteBodyCodeFromText("QNI-TTM", "- Lưu: VT, TTKSNB.\n"), "QNI-TTM");
  EXPECT_EQ(CompleteBodyCodeFromText("QNI-TTI", "- Lưu: VT, TTKSNB, TTTT.\n"), "QNI-TTI");
}

TEST(DocumentSymbolsTest, OneCapitalLeftCompletedFromTheFilingLineOnly) {
  // A stamp's edge left one capital of the drafting unit's code; the 'Lưu:' line names the
  // unit ('CBCCVC' in the body starts with a 'C' too).
  const std::string text =
      "hồ sơ cán bộ, công chức, viên chức (CBCCVC)\nNơi nhận:\n- Như trên;\n- Lưu: VT, CCVC.\n";
  EXPECT_EQ(CompleteBodyCodeFromText("SNV-C", text), "SNV-CCVC");
  EXPECT_EQ(CompleteBodyCodeFromText("QNI-T", "LƯU: VT, TTKSNB."), "QNI-TTKSNB");
  // The unit only outside the filing line, or two units on it starting with the capital.
  EXPECT_EQ(CompleteBodyCodeFromText("SNV-C", "Phòng CCVC\n- Lưu: VT."), "SNV-C");
  EXPECT_EQ(CompleteBodyCodeFromText("SNV-C", "- Lưu: VT, CCVC, CNTT."), "SNV-C");
}

TEST(DocumentSymbolsTest, TypeCodeCompletedFromTheTitle) {
  EXPECT_EQ(CompleteTypeCode("B-VPUBND", "TB"), "TB-VPUBND");
  EXPECT_EQ(CompleteTypeCode("T-UBND", "CT"), "CT-UBND");
  EXPECT_EQ(CompleteTypeCode("Đ-UBND", "QĐ"), "QĐ-UBND");
  EXPECT_EQ(CompleteTypeCode("Tr-UBND", "TTr"), "TTr-UBND");
  // One capital misread in a part as long as the code.
  EXPECT_EQ(CompleteTypeCode("RH-UBND", "KH"), "KH-UBND");
  EXPECT_EQ(CompleteTypeCode("QX-UBND", "QĐ"), "QĐ-UBND");
  // The whole code after a character or two more: the pen numeral's tail, a speck.
  EXPECT_EQ(CompleteTypeCode("VKH-UBND", "KH"), "KH-UBND");
  EXPECT_EQ(CompleteTypeCode("ZZKH-UBND", "KH"), "KH-UBND");
  EXPECT_EQ(CompleteTypeCode("7QĐ-UBND", "QĐ"), "QĐ-UBND");
  EXPECT_EQ(CompleteTypeCode("ABCKH-UBND", "KH"), "ABCKH-UBND");  // three more: some other part
  EXPECT_EQ(CompleteTypeCode("TCKH-UBND", "KH"), "TCKH-UBND");    // a standard code stands
  // The whole code before one character more: the slash's foot or a speck read as a letter.
  EXPECT_EQ(CompleteTypeCode("CTI-UBND", "CT"), "CT-UBND");
  EXPECT_EQ(CompleteTypeCode("QĐl-UBND", "QĐ"), "QĐ-UBND");
  EXPECT_EQ(CompleteTypeCode("CTII-UBND", "CT"), "CTII-UBND");  // two more: some other part
  EXPECT_EQ(CompleteTypeCode("CTr-UBND", "CT"), "CTr-UBND");    // a standard code (Chương trình)
  EXPECT_EQ(CompleteTypeCode("TTr-UBND", "TT"), "TTr-UBND");    // a standard code (Tờ trình)
  // Another type's code one capital off the title's: the title rules it out.
  EXPECT_EQ(CompleteTypeCode("PB-VPUBND", "TB"), "TB-VPUBND");
  EXPECT_EQ(CompleteTypeCode("CĐ-UB", "QĐ"), "QĐ-UB");
  EXPECT_EQ(CompleteTypeCode("TH-UBND", "KH"), "KH-UBND");
  // Whole codes, other types' codes further off, bodies and letters stay as read; so does
  // every symbol of a type without a code.
  EXPECT_EQ(CompleteTypeCode("TB-VPUBND", "TB"), "TB-VPUBND");
  EXPECT_EQ(CompleteTypeCode("KH-UBND", "TB"), "KH-UBND");
  EXPECT_EQ(CompleteTypeCode("CT-UBND", "KH"), "CT-UBND");
  EXPECT_EQ(CompleteTypeCode("VP-UBND", "TB"), "VP-UBND");  // a body's code, not a type's
  EXPECT_EQ(CompleteTypeCode("RHX-UBND", "KH"), "RHX-UBND");
  EXPECT_EQ(CompleteTypeCode("T-UBND", "TB"), "T-UBND");
  EXPECT_EQ(CompleteTypeCode("B-UBND", ""), "B-UBND");
  EXPECT_EQ(CompleteTypeCode("UBND", "CT"), "UBND");
}

TEST(DocumentSymbolsTest, SymbolLooksWholeOnlyInTheShapeSymbolsHave) {
  for (const char* whole : {"QĐ-UBND", "QNI-TTKSNB", "2020/NĐ-CP", "TTg", "CTr-UBND", "BC-VP2"}) {
    EXPECT_TRUE(SymbolLooksWhole(whole)) << whole;
  }
  // Whole but wrong ('TTKS' of 'TTKSNB') cannot be told here.
  EXPECT_TRUE(SymbolLooksWhole("QNI-TTKS"));
  for (const char* doubtful : {"", "QNI-T", "Q-UBND", "ŠV-CCVC", "QĐ--UBND", "QĐ-UBND-", "QĐ-UB ND",
                               "QĐ-UBNĐ…", "qđ-ubnd"}) {
    EXPECT_FALSE(SymbolLooksWhole(doubtful)) << doubtful;
  }
}

// A typed document's symbol opens with its type's code; another type's code there is a
// misreading. A letter's symbol (no code) opens with its body; a first part that is no type's
// code at all is for the other checks.
TEST(DocumentSymbolsTest, SymbolFitsTypeUnlessAnotherTypesCodeOpensIt) {
  EXPECT_TRUE(SymbolFitsType("QĐ-UBND", "QĐ"));
  EXPECT_TRUE(SymbolFitsType("2020/NĐ-CP", "NĐ"));
  EXPECT_TRUE(SymbolFitsType("UBND-VHTT", ""));
  EXPECT_TRUE(SymbolFitsType("TT-UBND", ""));
  EXPECT_TRUE(SymbolFitsType("LBND", "CT"));
  EXPECT_FALSE(SymbolFitsType("CĐ-UB", "QĐ"));
  EXPECT_FALSE(SymbolFitsType("KH-UBND", "TB"));
  EXPECT_TRUE(SymbolFitsType("TH-UBND", "TB"));  // no type's code
  EXPECT_FALSE(SymbolFitsType("2020/QĐ-CP", "NĐ"));
}

// 'UB' for a people's committee is of documents before the 2005 rules; in a later one it is
// 'UBND' cut short, completed where the agency names it, doubtful where it does not.
TEST(DocumentSymbolsTest, ObsoleteUbCodeIsCutShortInLaterDocuments) {
  const std::string agency = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH";
  EXPECT_EQ(CompleteBodyCode("QĐ-UB", agency, "2025-01-07"), "QĐ-UBND");
  EXPECT_EQ(CompleteBodyCode("QĐ-U", agency, "2025-01-07"), "QĐ-UBND");
  EXPECT_EQ(CompleteBodyCode("QĐ-UB", "SỞ NỘI VỤ", "2025-01-07"), "QĐ-UB");
  // Before the rules, or undated, 'UB' stands, and a lone 'U' of an agency naming only 'Ủy
  // ban' completes to it.
  EXPECT_EQ(CompleteBodyCode("QĐ-UB", agency, "1998-03-02"), "QĐ-UB");
  EXPECT_EQ(CompleteBodyCode("QĐ-UB", agency), "QĐ-UB");
  EXPECT_EQ(CompleteBodyCode("QĐ-U", "ỦY BAN NHÂN", "1998-03-02"), "QĐ-UB");
  EXPECT_EQ(CompleteBodyCode("QĐ-U", "ỦY BAN NHÂN", "2025-01-07"), "QĐ-U");

  struct Case {
    const char* symbol;
    const char* date;
    bool fits;
  };
  for (const Case& c :
       {Case{"QĐ-UB", "2024-06-11", false}, Case{"13/UB", "2024-06-11", false},
        Case{"QĐ-UB", "1998-03-02", true}, Case{"QĐ-UB", "", true}, Case{"QĐ-UB", "--03-02", true},
        Case{"QĐ-UBND", "2024-06-11", true}, Case{"UB-VP", "2024-06-11", true}}) {
    EXPECT_EQ(SymbolFitsDate(c.symbol, c.date), c.fits) << c.symbol << " " << c.date;
  }
}

// A letter's symbol opens with its body's code, which the agency's name says.
TEST(DocumentSymbolsTest, LetterBodyCodeFromTheAgencysName) {
  EXPECT_EQ(CorrectLetterBodyCode("LIBND-VHTT", "ỦY BAN NHÂN DÂN THỊ XÃ QUẢNG YÊN"), "UBND-VHTT");
  EXPECT_EQ(CorrectLetterBodyCode("UBNIE-TTTT", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH"), "UBND-TTTT");
  EXPECT_EQ(CorrectLetterBodyCode("ŠV-CCVC", "UBND TỈNH QUẢNG NINH SỞ NỘI VỤ"), "SNV-CCVC");
  // As near two codes the agency names ('STTTT' and its unit's 'TTTT'): left as read.
  EXPECT_EQ(CorrectLetterBodyCode("STTT-BCVT", "UBND TỈNH SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
            "STTT-BCVT");
  // A standard code as read stays, even if the agency names another ('BTTTT': the ministry).
  EXPECT_EQ(CorrectLetterBodyCode("BTTTT-BC", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"), "BTTTT-BC");
  // A body's own code, near none the agency names, stays as read.
  EXPECT_EQ(CorrectLetterBodyCode("QNIL-TTKSNB", "CHI NHÁNH TỈNH QUẢNG NINH"), "QNIL-TTKSNB");
  EXPECT_EQ(CorrectLetterBodyCode("LIBND-VHTT", "SỞ NỘI VỤ"), "LIBND-VHTT");
  EXPECT_EQ(CorrectLetterBodyCode("UBND", "ỦY BAN NHÂN DÂN"), "UBND");
}

}  // namespace
}  // namespace sohoa::index
