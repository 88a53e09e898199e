#include "ocr/gray_content.h"

#include <gtest/gtest.h>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <string>

namespace sohoa::ocr {
namespace {

// A one-page PDF whose page draws `content` with `resources` (PDF syntax, may be "<< >>").
class GrayContentTest : public ::testing::Test {
 protected:
  void SetUp() override { pdf_.emptyPDF(); }

  QPDFObjectHandle Image(const std::string& colour_space) {
    QPDFObjectHandle image = QPDFObjectHandle::newStream(&pdf_, std::string(4, '\x80'));
    image.replaceDict(QPDFObjectHandle::parse(
        "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /BitsPerComponent 8 /ColorSpace " +
        colour_space + " >>"));
    return image;
  }

  QPDFObjectHandle Form(const std::string& content, QPDFObjectHandle resources) {
    QPDFObjectHandle form = QPDFObjectHandle::newStream(&pdf_, content);
    form.replaceDict(
        QPDFObjectHandle::parse("<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] >>"));
    form.getDict().replaceKey("/Resources", resources);
    return form;
  }

  bool PageIsGray(const std::string& content, QPDFObjectHandle resources) {
    QPDFObjectHandle page = QPDFObjectHandle::parse("<< /Type /Page /MediaBox [0 0 10 10] >>");
    page.replaceKey("/Resources", resources);
    page.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf_, content));
    QPDFPageObjectHelper helper(pdf_.makeIndirectObject(page));
    QPDFPageDocumentHelper(pdf_).addPage(helper, false);
    return PageDrawsOnlyGray(helper);
  }

  static QPDFObjectHandle XObjects(QPDFObjectHandle xobject) {
    QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
    resources.replaceKey("/XObject", QPDFObjectHandle::newDictionary({{"/X", xobject}}));
    return resources;
  }

  QPDF pdf_;
};

TEST_F(GrayContentTest, GreyScanAndGreyOperatorsAreGray) {
  EXPECT_TRUE(PageIsGray("q 10 0 0 10 0 0 cm /X Do Q 0.5 g 0 0 5 5 re f 0 G",
                         XObjects(Image("/DeviceGray"))));
  QPDFObjectHandle mask = Image("/DeviceGray");
  mask.getDict().removeKey("/ColorSpace");
  mask.getDict().replaceKey("/ImageMask", QPDFObjectHandle::newBool(true));
  EXPECT_TRUE(PageIsGray("/X Do", XObjects(mask)));
  EXPECT_TRUE(PageIsGray("", QPDFObjectHandle::newDictionary()));
}

TEST_F(GrayContentTest, DeviceIndependentImagesAreAllowed) {
  QPDFObjectHandle icc = QPDFObjectHandle::newStream(&pdf_, std::string("not read"));
  icc.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
  QPDFObjectHandle image = Image("/DeviceGray");
  image.getDict().replaceKey(
      "/ColorSpace", QPDFObjectHandle::newArray(
                         {QPDFObjectHandle::newName("/ICCBased"), pdf_.makeIndirectObject(icc)}));
  EXPECT_TRUE(PageIsGray("/X Do", XObjects(image)));
}

TEST_F(GrayContentTest, ColourAnywhereIsColour) {
  EXPECT_FALSE(PageIsGray("/X Do", XObjects(Image("/DeviceRGB"))));
  EXPECT_FALSE(PageIsGray("/X Do", XObjects(Image("[/Indexed /DeviceRGB 1 <000000FFFFFF>]"))));
  EXPECT_FALSE(PageIsGray("1 0 0 rg 0 0 5 5 re f", QPDFObjectHandle::newDictionary()));
  EXPECT_FALSE(PageIsGray("0 0 0 1 K", QPDFObjectHandle::newDictionary()));
  EXPECT_FALSE(PageIsGray("/DeviceRGB cs 1 0 0 sc", QPDFObjectHandle::newDictionary()));
  // Colour inside a form, one level down.
  EXPECT_FALSE(PageIsGray("/X Do", XObjects(Form("0 0 1 rg", QPDFObjectHandle::newDictionary()))));
  EXPECT_FALSE(PageIsGray("/X Do", XObjects(Form("/X Do", XObjects(Image("/DeviceCMYK"))))));
  // Inline images are not inspected.
  EXPECT_FALSE(
      PageIsGray("BI /W 1 /H 1 /CS /G /BPC 8 ID \x80 EI", QPDFObjectHandle::newDictionary()));
}

TEST_F(GrayContentTest, GreyFormsAreGray) {
  EXPECT_TRUE(PageIsGray("/X Do", XObjects(Form("/X Do", XObjects(Image("/DeviceGray"))))));
}

}  // namespace
}  // namespace sohoa::ocr
