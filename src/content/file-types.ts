/**
 * File name extensions by what they mean to a receiver. One list for the attachment check and the
 * built-in content rules, so both judge the same names the same way.
 */

/**
 * Programs and scripts Windows runs on a double click: Gmail's blocked list
 * (support.google.com/mail/answer/6590) plus the script hosts and shortcuts malware uses
 * (reg, scf, url, ps1 modules, settingcontent-ms, appref-ms).
 */
export const EXECUTABLE_EXTENSIONS = new Set([
  'ade', 'adp', 'apk', 'appx', 'appxbundle', 'application', 'appref-ms', 'bat', 'cab', 'chm', 'cmd', 'com',
  'cpl', 'diagcab', 'diagcfg', 'diagpkg', 'dll', 'dmg', 'ex', 'ex_', 'exe', 'gadget', 'hta', 'img', 'inf',
  'ins', 'iso', 'isp', 'jar', 'jnlp', 'js', 'jse', 'lib', 'lnk', 'mde', 'mjs', 'msc', 'msi', 'msix',
  'msixbundle', 'msp', 'mst', 'nsh', 'pif', 'ps1', 'ps1xml', 'ps2', 'psc1', 'psm1', 'reg', 'scf', 'scr',
  'sct', 'settingcontent-ms', 'shb', 'sys', 'url', 'vb', 'vbe', 'vbs', 'vhd', 'vhdx', 'vxd', 'wsc', 'wsf',
  'wsh', 'xll',
]); // prettier-ignore
/** Office formats that carry VBA macros by definition (the "m" variants and add-ins). */
export const MACRO_EXTENSIONS = new Set([
  'docm',
  'dotm',
  'xlsm',
  'xltm',
  'xlam',
  'pptm',
  'potm',
  'ppam',
  'ppsm',
  'sldm',
]);
/** Extensions a victim trusts: the first half of a double extension (invoice.pdf.exe). */
export const DOCUMENT_EXTENSIONS = new Set([
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'rtf', 'txt', 'csv', 'odt', 'ods', 'jpg', 'jpeg',
  'png', 'gif', 'bmp', 'tif', 'tiff', 'mp3', 'mp4', 'wav', 'mov', 'avi', 'zip', 'eml', 'msg',
]); // prettier-ignore
export const HTML_EXTENSIONS = new Set(['htm', 'html', 'shtml', 'xhtml', 'mht', 'mhtml', 'svg']);
