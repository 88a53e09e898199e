#include "ocr/gray_content.h"

#include <exception>
#include <qpdf/QPDFObjectHandle.hh>
#include <set>
#include <string>
#include <vector>

namespace sohoa::ocr {
namespace {

// Forms can nest and share; each stream is read once, and a cycle cannot loop.
constexpr int kMaximumFormDepth = 12;

bool ColourSpaceIsGrayOrIndependent(QPDFObjectHandle space) {
  if (space.isName()) {
    const std::string name = space.getName();
    return name == "/DeviceGray" || name == "/G" || name == "/CalGray";
  }
  if (!space.isArray() || space.getArrayNItems() == 0 || !space.getArrayItem(0).isName()) {
    return false;
  }
  const std::string family = space.getArrayItem(0).getName();
  if (family == "/ICCBased" || family == "/CalGray" || family == "/CalRGB" || family == "/Lab") {
    return true;  // device independent: allowed under any OutputIntent
  }
  if ((family == "/Indexed" || family == "/I") && space.getArrayNItems() > 1) {
    return ColourSpaceIsGrayOrIndependent(space.getArrayItem(1));
  }
  return false;  // DeviceRGB/CMYK, Separation/DeviceN (their alternates), Pattern: not proven
}

class GrayChecker : public QPDFObjectHandle::ParserCallbacks {
 public:
  explicit GrayChecker(std::set<QPDFObjGen>* visited) : visited_(visited) {}

  // Checks one content stream (or array of them) with the resources it draws from.
  bool Check(QPDFObjectHandle content, QPDFObjectHandle resources, int depth) {
    if (depth > kMaximumFormDepth) return false;
    if (!ResourcesAreGray(resources, depth)) return false;
    resources_ = resources;
    gray_ = true;
    try {
      QPDFObjectHandle::parseContentStream(content, this);
    } catch (const std::exception&) {
      return false;
    }
    return gray_;
  }

  bool FormIsGray(QPDFObjectHandle form, int depth) {
    if (!form.isStream()) return false;
    if (form.isIndirect() && !visited_->insert(form.getObjGen()).second) return true;
    GrayChecker nested(visited_);
    return nested.Check(form, form.getDict().getKey("/Resources"), depth + 1);
  }

  void handleObject(QPDFObjectHandle object) override {
    if (!gray_) return;
    if (!object.isOperator()) {
      operands_.push_back(object);
      return;
    }
    const std::string op = object.getOperatorValue();
    if (op == "rg" || op == "RG" || op == "k" || op == "K" || op == "sh" || op == "BI" ||
        op == "ID") {
      gray_ = false;
    } else if ((op == "cs" || op == "CS") && !operands_.empty()) {
      QPDFObjectHandle name = operands_.back();
      if (name.isName() && name.getName() != "/DeviceGray") {
        QPDFObjectHandle spaces =
            resources_.isDictionary() ? resources_.getKey("/ColorSpace") : QPDFObjectHandle();
        QPDFObjectHandle space =
            spaces.isDictionary() ? spaces.getKey(name.getName()) : QPDFObjectHandle();
        if (!ColourSpaceIsGrayOrIndependent(space)) gray_ = false;
      }
    }
    operands_.clear();
  }

  void handleEOF() override {}

 private:
  bool ResourcesAreGray(QPDFObjectHandle resources, int depth) {
    if (!resources.isDictionary()) return true;  // draws from nothing
    for (const char* key : {"/Shading", "/Pattern"}) {
      QPDFObjectHandle entries = resources.getKey(key);
      if (entries.isDictionary() && !entries.getKeys().empty()) return false;
    }
    QPDFObjectHandle spaces = resources.getKey("/ColorSpace");
    if (spaces.isDictionary()) {
      for (auto [name, space] : spaces.ditems()) {
        if (!ColourSpaceIsGrayOrIndependent(space)) return false;
      }
    }
    QPDFObjectHandle xobjects = resources.getKey("/XObject");
    if (!xobjects.isDictionary()) return true;
    for (auto [name, xobject] : xobjects.ditems()) {
      if (!xobject.isStream()) continue;
      QPDFObjectHandle dict = xobject.getDict();
      QPDFObjectHandle subtype = dict.getKey("/Subtype");
      if (subtype.isNameAndEquals("/Image")) {
        if (dict.getKey("/ImageMask").isBool() && dict.getKey("/ImageMask").getBoolValue()) {
          continue;  // a stencil paints in the current (checked) fill colour
        }
        if (!ColourSpaceIsGrayOrIndependent(dict.getKey("/ColorSpace"))) return false;
        QPDFObjectHandle soft_mask = dict.getKey("/SMask");
        if (soft_mask.isStream() &&
            !ColourSpaceIsGrayOrIndependent(soft_mask.getDict().getKey("/ColorSpace"))) {
          return false;
        }
      } else if (subtype.isNameAndEquals("/Form")) {
        if (!FormIsGray(xobject, depth)) return false;
      } else {
        return false;
      }
    }
    return true;
  }

  std::set<QPDFObjGen>* visited_;
  QPDFObjectHandle resources_;
  std::vector<QPDFObjectHandle> operands_;
  bool gray_ = true;
};

}  // namespace

bool PageDrawsOnlyGray(QPDFPageObjectHelper& page) {
  try {
    std::set<QPDFObjGen> visited;
    GrayChecker checker(&visited);
    QPDFObjectHandle page_dict = page.getObjectHandle();
    QPDFObjectHandle contents = page_dict.getKey("/Contents");
    if (!contents.isNull() && !checker.Check(contents, page.getAttribute("/Resources", false), 0)) {
      return false;
    }
    QPDFObjectHandle annotations = page_dict.getKey("/Annots");
    if (!annotations.isArray()) return true;
    for (QPDFObjectHandle annotation : annotations.aitems()) {
      if (!annotation.isDictionary()) continue;
      QPDFObjectHandle colour = annotation.getKey("/C");
      if (colour.isArray() && colour.getArrayNItems() > 1) return false;  // RGB or CMYK border
      QPDFObjectHandle appearances = annotation.getKey("/AP");
      if (!appearances.isDictionary()) continue;
      for (auto [kind, appearance] : appearances.ditems()) {
        if (appearance.isStream()) {
          if (!checker.FormIsGray(appearance, 0)) return false;
        } else if (appearance.isDictionary()) {
          for (auto [state, form] : appearance.ditems()) {
            if (!checker.FormIsGray(form, 0)) return false;
          }
        }
      }
    }
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace sohoa::ocr
