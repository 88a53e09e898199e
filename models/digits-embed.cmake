# Writes OUTPUT, a C++ source holding the bytes of INPUT as kSohoaDigitModel /
# kSohoaDigitModelSize (an empty array when INPUT does not exist, so a fresh checkout without
# the model still builds; DigitClassifier::Create then reports it missing).
if(EXISTS "${INPUT}")
  file(READ "${INPUT}" hex HEX)
else()
  set(hex "")
endif()
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# Line breaks every 32 bytes keep the generated file friendly to compilers and editors.
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by models/digits-embed.cmake; do not edit.\n"
  "#include <cstddef>\n"
  "extern const unsigned char kSohoaDigitModel[];\n"
  "extern const std::size_t kSohoaDigitModelSize;\n"
  "const unsigned char kSohoaDigitModel[] = {\n${bytes}0x00};\n"
  "const std::size_t kSohoaDigitModelSize = ${byte_count};\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
