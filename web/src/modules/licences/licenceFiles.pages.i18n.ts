/** Strings of the licence import page (licenceFiles.*), added when it loads (see app/i18n/pageMessages). */
import { defineMessages } from '../../app/i18n/defineMessages';
import { addPageMessages } from '../../app/i18n/pageMessages';

addPageMessages(
  defineMessages(
    {
      licenceFiles: {
        importTitle: '批量导入许可证',
        importHint:
          '支持 .xlsx 和 .csv（UTF-8 或 GBK）。许可证类型可填名称或标识；有效期至不填时按类型默认有效期计算，填“长期”表示长期有效。同一类型、同一编号的许可证已登记在同一企业名下时更新其信息（不改变状态）。导入的许可证不生成告知书。',
      },
    },
    {
      licenceFiles: {
        importTitle: 'Import licences',
        importHint:
          '.xlsx or .csv (UTF-8 or GBK). The type by name or key; without an expiry date the type’s default validity applies, “长期” means no expiry. A licence of the same type and number already held by the same enterprise is updated (its state is kept). Imported licences get no notice.',
      },
    },
  ),
);
